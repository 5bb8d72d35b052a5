namespace HeteroOrleans.Benchmarks;

/// <summary>What <c>hetero bench faults</c> runs (the paper's section 4.9 setup by default).</summary>
/// <param name="Preset">Emulated device profiles. Default: the paper's Table 2 (end devices 10.4 ms per image).</param>
/// <param name="EndDevices">End devices used. Default 8.</param>
/// <param name="MaxFailures">Failing devices go from 0 to this. Default 6.</param>
/// <param name="Runs">Runs per point; a cell is their median. Default 3.</param>
/// <param name="BatchSize">Images per task. Default 50.</param>
/// <param name="Timeout">Communication timeout; null: the jobs' default, 500 ms.</param>
/// <param name="TimeScale">Emulated times divided by this, measured ones multiplied back. Default 5: timeouts stay well above the machine's scheduling jitter.</param>
/// <param name="Failures">The numbers of failing devices measured; null: 0 to <paramref name="MaxFailures"/>.</param>
/// <param name="Methods">The methods measured; null: all three.</param>
public sealed record FaultBenchmarkOptions(
    DevicePreset Preset, int EndDevices = 8, int MaxFailures = 6, int Runs = 3, int BatchSize = JobSpec.DefaultBatchSize, TimeSpan? Timeout = null,
    double TimeScale = 5, IReadOnlyList<int>? Failures = null, IReadOnlyList<FaultMethod>? Methods = null)
{
    /// <summary>The communication timeout of the bench's jobs, in the preset's time.</summary>
    public TimeSpan CommunicationTimeout => Timeout ?? JobSpec.DefaultTimeout;

    /// <summary>The numbers of failing devices measured, in order.</summary>
    public IReadOnlyList<int> MeasuredFailures => Failures ?? Enumerable.Range(0, MaxFailures + 1).ToList();

    /// <summary>The methods measured, in table order.</summary>
    public IReadOnlyList<FaultMethod> MeasuredMethods => Methods ?? FaultBenchmark.Methods;
}
