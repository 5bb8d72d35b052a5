namespace HeteroOrleans.Benchmarks.Tracing;

/// <summary>One saturated run of <see cref="TracedThroughput"/>.</summary>
/// <param name="AnswersPerSecond">Answers a second while counted.</param>
/// <param name="ProcessorShare">
/// The process's processor time over the wall time of the count and the machine's cores: near 1 when the processors,
/// not the links or the queues, were the limit.
/// </param>
public sealed record SaturatedRun(double AnswersPerSecond, double ProcessorShare);
