using System.Diagnostics;

namespace HeteroOrleans.Benchmarks;

/// <summary>Repeated timing with a warm-up run, reported as a median (robust on a shared, noisy machine).</summary>
public static class Timing
{
    /// <summary>Runs <paramref name="work"/> once to warm up, then <paramref name="runs"/> times; returns the median in ms.</summary>
    public static async Task<double> MedianMsAsync(int runs, Func<Task> work) => (await SampleMsAsync(runs, work)).Median;

    /// <summary>Runs <paramref name="work"/> once to warm up, then <paramref name="runs"/> times; returns each run's time in ms.</summary>
    public static async Task<Sample> SampleMsAsync(int runs, Func<Task> work)
    {
        await work();
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await work();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return Sample.Of(samples);
    }

    /// <summary>
    /// Times <paramref name="candidate"/> against <paramref name="baseline"/> in alternation, each warmed up once, and
    /// returns the median of the <paramref name="pairs"/> ratios candidate / baseline. Alternating puts both sides under
    /// the same load at each moment, so the machine's drift over the run cancels out of the ratio.
    /// </summary>
    public static async Task<double> MedianRatioAsync(int pairs, Func<Task> baseline, Func<Task> candidate)
    {
        await baseline();
        await candidate();
        var ratios = new double[pairs];
        for (var i = 0; i < pairs; i++)
        {
            // The side that goes first changes each pair, so neither always runs on the caches the other warmed.
            var (first, second) = i % 2 == 0 ? (baseline, candidate) : (candidate, baseline);
            var start = Stopwatch.GetTimestamp();
            await first();
            var firstMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            await second();
            var secondMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            ratios[i] = i % 2 == 0 ? secondMs / firstMs : firstMs / secondMs;
        }

        return Median(ratios);
    }

    /// <summary>The median of <paramref name="samples"/>.</summary>
    public static double Median(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
