namespace HeteroOrleans.Benchmarks.Adapting;

/// <summary>What <see cref="AdaptBenchmark"/> runs.</summary>
/// <param name="Images">Images per job (tasks of 50).</param>
/// <param name="Runs">Runs of each variant; figures are medians with the least and greatest.</param>
/// <param name="PhasesMbps">The cloud link's bandwidth in each phase of the job, in equal shares of its tasks.</param>
/// <param name="TimeScale">Emulated times divided by this while running; measured times are multiplied back.</param>
public sealed record AdaptBenchmarkOptions(int Images, int Runs, IReadOnlyList<double> PhasesMbps, double TimeScale = 1)
{
    /// <summary>Images per job unless told otherwise.</summary>
    public const int DefaultImages = 2_100;

    /// <summary>The cloud link's round trip unless told otherwise.</summary>
    public static readonly TimeSpan DefaultCloudLatency = TimeSpan.FromMilliseconds(500);

    /// <summary>The phases unless told otherwise: 50, then 5, then 50 Mbit/s.</summary>
    public static IReadOnlyList<double> DefaultPhasesMbps { get; } = [50, 5, 50];
}
