using System.Diagnostics;

namespace HeteroOrleans.Benchmarks;

/// <summary>Repeated timing with a warm-up run, reported as a median (robust on a shared, noisy machine).</summary>
public static class Timing
{
    /// <summary>Runs <paramref name="work"/> once to warm up, then <paramref name="runs"/> times; returns the median in ms.</summary>
    public static async Task<double> MedianMsAsync(int runs, Func<Task> work)
    {
        await work();
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await work();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return Median(samples);
    }

    /// <summary>The median of <paramref name="samples"/>.</summary>
    public static double Median(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
