namespace HeteroOrleans.Benchmarks;

/// <summary>What <c>hetero bench schemes</c> runs.</summary>
/// <param name="Preset">Emulated device profiles. Default: the paper's Table 2.</param>
/// <param name="MaxEndDevices">N_end goes from 1 to this. Default 8, as in Figure 3.</param>
/// <param name="BatchSize">Images per task. Default 50.</param>
/// <param name="TimeScale">Every emulated time is divided by this and every measured time multiplied back. Default 20: the whole figure in a few minutes.</param>
/// <param name="Schemes">The schemes to measure, in legend order. Default: the paper's four and Adaptive (<see cref="SchemeBenchmark.Schemes"/>).</param>
/// <param name="Runs">Runs per point; a point is their median. Default 3.</param>
/// <param name="EndDevices">The values of N_end measured; null: 1 to <paramref name="MaxEndDevices"/>.</param>
public sealed record SchemeBenchmarkOptions(
    DevicePreset Preset, int MaxEndDevices = 8, int BatchSize = JobSpec.DefaultBatchSize, double TimeScale = 20, IReadOnlyList<SchedulingScheme>? Schemes = null,
    int Runs = 3, IReadOnlyList<int>? EndDevices = null)
{
    /// <summary>The schemes to measure.</summary>
    public IReadOnlyList<SchedulingScheme> Measured => Schemes is { Count: > 0 } chosen ? chosen : SchemeBenchmark.Schemes;

    /// <summary>The values of N_end measured, in order.</summary>
    public IReadOnlyList<int> MeasuredEndDevices => EndDevices ?? Enumerable.Range(1, MaxEndDevices).ToList();
}
