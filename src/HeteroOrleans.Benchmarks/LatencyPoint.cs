
namespace HeteroOrleans.Benchmarks;

/// <summary>One rate of the latency sweep over its runs: what was offered, what the cluster kept up with, and the waits for each answer.</summary>
/// <param name="OfferedPerSecond">Single-image requests sent a second, without waiting for answers.</param>
/// <param name="Runs">Each run at this rate.</param>
public sealed record LatencyPoint(double OfferedPerSecond, IReadOnlyList<LatencyRun> Runs)
{
    /// <summary>Images answered a second, over the job's time.</summary>
    public Sample Achieved => Sample.Of(Runs.Select(r => r.AchievedPerSecond));

    /// <summary>True when the cluster fell behind: fewer than nine answers for ten requests a second (the runs' median).</summary>
    public bool Saturated => Achieved.Median < 0.9 * OfferedPerSecond;

    /// <summary>A percentile of the waits for the coarse answer, run by run.</summary>
    public Sample Coarse(Func<LatencySummary, double> percentile) => Sample.Of(Runs.Select(r => percentile(r.Coarse)));

    /// <summary>A percentile of the waits for the fine answer, run by run.</summary>
    public Sample Fine(Func<LatencySummary, double> percentile) => Sample.Of(Runs.Select(r => percentile(r.Fine)));

    /// <summary>True when the coarse answer's p99 comes before the fine answer's p50 (the runs' medians): the quick answer is quick.</summary>
    public bool CoarseFirst => Coarse(p => p.P99Ms).Median < Fine(p => p.P50Ms).Median;
}
