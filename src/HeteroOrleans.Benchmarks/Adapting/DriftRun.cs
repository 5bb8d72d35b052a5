namespace HeteroOrleans.Benchmarks.Adapting;

/// <summary>One job of <see cref="DriftBenchmark"/>.</summary>
/// <param name="Variant">How the job chose which images to escalate.</param>
/// <param name="Threshold">The threshold it started from (and kept, unless it learns one).</param>
/// <param name="EndThreshold">The threshold in force at its end.</param>
/// <param name="Shares">
/// The share escalated over each window of <see cref="DriftBenchmark.WindowImages"/> images (by image order) from
/// <see cref="DriftBenchmark.SettleImages"/> after the shift on, one window every 100 images.
/// </param>
/// <param name="EscalatedShare">The share escalated over the whole job.</param>
/// <param name="Report">The job's report: accuracies of each part.</param>
public sealed record DriftRun(string Variant, double Threshold, double? EndThreshold, IReadOnlyList<double> Shares, double EscalatedShare, JobReport Report);
