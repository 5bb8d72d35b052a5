namespace HeteroOrleans.Benchmarks;

/// <summary>What <c>hetero bench scale</c> runs.</summary>
/// <param name="Preset">Emulated device profiles. Default: the paper's Table 2.</param>
/// <param name="EndDevices">The points: end devices of each, with a tenth as many edges (at least 4) and a thousandth as many clouds (at least 1).</param>
/// <param name="BatchSize">Images per task. Default 20.</param>
/// <param name="TimeScale">
/// Every emulated time is divided by this and every measured time multiplied back. Default 0.1: ten times slower than
/// Table 2, so that 11,010 devices together ask no more of this machine than it can route (about 12,000 images a second).
/// </param>
/// <param name="ImagesPerFineDevice">Images per edge or cloud: the job grows with the cluster, and each point's bound is the same. Default 500: about 4 s of work per device in the preset's time, eight times its link's round trip.</param>
/// <param name="Runs">Jobs per point, on the point's one cluster; the job's figures are their median. Default 3.</param>
public sealed record ScaleBenchmarkOptions(
    DevicePreset Preset, IReadOnlyList<int> EndDevices, int BatchSize = 20, double TimeScale = 0.1, int ImagesPerFineDevice = 500, int Runs = 3)
{
    /// <summary>The points the issue names: 13, 111, 1,101 and 11,010 devices.</summary>
    public static IReadOnlyList<int> DefaultEndDevices { get; } = [8, 100, 1000, 10000];

    /// <summary>Edges beside <paramref name="endDevices"/> end devices.</summary>
    public static int Edges(int endDevices) => Math.Max(4, endDevices / 10);

    /// <summary>Clouds beside <paramref name="endDevices"/> end devices.</summary>
    public static int Clouds(int endDevices) => Math.Max(1, endDevices / 1000);
}
