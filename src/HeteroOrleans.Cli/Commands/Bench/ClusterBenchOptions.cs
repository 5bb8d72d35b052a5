using HeteroOrleans.Hosting.Configuration;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary>
/// The options of a bench that runs in-process clusters on the silo configs: which devices (a preset, or with
/// <c>allowsRealDevices</c> the configs' own ONNX Runtime devices), the scheme, the time scale, the runs and the folder.
/// </summary>
internal sealed class ClusterBenchOptions
{
    private readonly bool _allowsRealDevices;

    /// <summary>Declares the options with their defaults.</summary>
    public ClusterBenchOptions(double timeScale, string runsDescription, string files, bool allowsRealDevices = false)
    {
        _allowsRealDevices = allowsRealDevices;
        Preset = allowsRealDevices ? BenchOptions.PresetOrRealDevices() : BenchOptions.Preset();

        TimeScale = BenchOptions.TimeScale(timeScale);
        Runs = BenchOptions.Runs(runsDescription, 3);
        OutDir = BenchOptions.OutDir(files);
    }

    /// <summary><c>--preset</c>.</summary>
    public Option<string> Preset { get; }

    /// <summary><c>--scheme</c>.</summary>
    public Option<SchedulingScheme> Scheme { get; } = BenchOptions.Scheme();

    /// <summary><c>--time-scale</c>.</summary>
    public Option<double> TimeScale { get; }

    /// <summary><c>--runs</c>.</summary>
    public Option<int> Runs { get; }

    /// <summary><c>--out-dir</c>.</summary>
    public Option<string> OutDir { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[Preset, Scheme, TimeScale, Runs, OutDir])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The silo settings and run parameters the parsed options ask for; real devices run at time-scale 1.</summary>
    public ClusterBenchSetup Read(ParseResult result)
    {
        var presetName = result.GetValue(Preset)!;
        var real = _allowsRealDevices && BenchOptions.IsRealDevices(presetName);
        var devices = real ? null : DevicePreset.Load(presetName);
        var timeScale = real ? 1 : result.GetValue(TimeScale);
        var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null, devices, timeScale);
        return new ClusterBenchSetup(devices, settings, result.GetValue(Scheme), timeScale, result.GetValue(Runs), result.GetValue(OutDir)!);
    }
}
