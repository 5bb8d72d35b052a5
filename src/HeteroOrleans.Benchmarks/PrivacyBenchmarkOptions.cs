namespace HeteroOrleans.Benchmarks;

/// <summary>What <c>hetero bench privacy</c>'s Table 4 runs.</summary>
/// <param name="TimeScale">Emulated times are divided by this while running, measured ones multiplied back.</param>
/// <param name="Runs">Runs of each job; an overhead is taken run by run against that run's unencrypted job, then the median. Default 3.</param>
/// <param name="LatenciesMs">Cloud round-trip latencies; null: <see cref="PrivacyBenchmark.LatenciesMs"/>.</param>
/// <param name="AutoCutOnly">Only the cuts <c>--split auto</c> picks (what <c>bench check</c> needs), not the paper's first convolution.</param>
public sealed record PrivacyBenchmarkOptions(double TimeScale, int Runs = 3, IReadOnlyList<double>? LatenciesMs = null, bool AutoCutOnly = false)
{
    /// <summary>The latencies measured, in order.</summary>
    public IReadOnlyList<double> MeasuredLatenciesMs => LatenciesMs ?? PrivacyBenchmark.LatenciesMs;
}
