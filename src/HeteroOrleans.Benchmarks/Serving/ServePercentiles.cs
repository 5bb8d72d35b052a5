using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>Percentiles of a load's answers.</summary>
public static class ServePercentiles
{
    /// <summary>The p99 latency of the requests answered fine in time, ms; NaN without any.</summary>
    public static double FineP99(IEnumerable<ServeSample> samples)
    {
        var fine = samples.Where(s => s.Outcome == ServeOutcome.FineInTime).Select(s => s.LatencyMs).Order().ToArray();
        return fine.Length == 0 ? double.NaN : fine[Math.Min(fine.Length - 1, (int)Math.Ceiling(0.99 * fine.Length) - 1)];
    }
}
