using HeteroOrleans.Hosting.Configuration;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary>What a bench's <see cref="ClusterBenchOptions"/> asked for, parsed and loaded.</summary>
/// <param name="Devices">The emulation preset, or null for the configs' real ONNX Runtime devices.</param>
/// <param name="Settings">The silo settings of every cluster the bench starts.</param>
/// <param name="Scheme">The scheme of every job.</param>
/// <param name="TimeScale">Emulated times are divided by it while running.</param>
/// <param name="Runs">Runs at each point.</param>
/// <param name="OutDir">The folder for the bench's files.</param>
internal sealed record ClusterBenchSetup(
    DevicePreset? Devices, IReadOnlyList<SiloSettings> Settings, SchedulingScheme Scheme, double TimeScale, int Runs, string OutDir)
{
    /// <summary>The path of <paramref name="file"/> in the output folder.</summary>
    public string In(string file) => BenchOutput.In(OutDir, file);
}
