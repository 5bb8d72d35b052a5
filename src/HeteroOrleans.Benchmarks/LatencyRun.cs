namespace HeteroOrleans.Benchmarks;

/// <summary>One run of one rate of the latency sweep.</summary>
/// <param name="AchievedPerSecond">Images answered a second, over the job's time less one pass through the pipeline.</param>
/// <param name="Coarse">Waits for the coarse answer.</param>
/// <param name="Fine">Waits for the fine answer.</param>
public sealed record LatencyRun(double AchievedPerSecond, LatencySummary Coarse, LatencySummary Fine);
