namespace HeteroOrleans.Benchmarks;

/// <summary>One rate of the latency sweep: what was offered, what the cluster kept up with, and the waits for each answer.</summary>
/// <param name="OfferedPerSecond">Single-image requests sent a second, without waiting for answers.</param>
/// <param name="AchievedPerSecond">Images answered a second, over the job's time.</param>
/// <param name="Coarse">Waits for the coarse answer.</param>
/// <param name="Fine">Waits for the fine answer.</param>
public sealed record LatencyPoint(double OfferedPerSecond, double AchievedPerSecond, LatencySummary Coarse, LatencySummary Fine)
{
    /// <summary>True when the cluster fell behind: fewer than nine answers for ten requests a second.</summary>
    public bool Saturated => AchievedPerSecond < 0.9 * OfferedPerSecond;
}
