using HeteroOrleans.Benchmarks.Serving;
using HeteroOrleans.Inference.Models;

namespace HeteroOrleans.Benchmarks.Checking;

/// <summary>
/// <c>hetero bench check</c>: a reduced form of each bench, minutes rather than an hour, whose headline figures are
/// held to their lines (<see cref="CheckLimits"/>). A change that moves a number past its line fails the check, so that
/// no bench table is quoted after the code it describes has drifted from it.
/// </summary>
/// <param name="configDirectory">The silo configs the benches start their clusters from.</param>
/// <param name="log">Progress lines.</param>
public sealed class BenchCheck(string configDirectory, Action<string> log)
{
    /// <summary>The parts of the check, in the order they run.</summary>
    public static IReadOnlyList<string> Parts { get; } = ["models", "schemes", "faults", "privacy", "latency", "serve", "adapt", "chaos"];

    /// <summary>Runs the parts named in <paramref name="parts"/> (all by default) and returns every line with its verdict.</summary>
    public async Task<IReadOnlyList<CheckLine>> RunAsync(IReadOnlyCollection<string>? parts, CancellationToken cancellation)
    {
        var lines = new List<CheckLine>();
        foreach (var part in Parts.Where(p => parts is null || parts.Count == 0 || parts.Contains(p)))
        {
            log($"check: {part} …");
            var found = part switch
            {
                "models" => await ModelsAsync(cancellation),
                "schemes" => await SchemesAsync(cancellation),
                "faults" => await FaultsAsync(cancellation),
                "privacy" => await PrivacyAsync(cancellation),
                "latency" => await LatencyAsync(cancellation),
                "serve" => await ServeAsync(cancellation),
                "adapt" => await AdaptAsync(cancellation),
                _ => await ChaosAsync(cancellation),
            };
            foreach (var line in found)
            {
                log(line.ToString());
                lines.Add(line);
            }
        }

        return lines;
    }

    // The shipped models, at the paper's batch, three runs of each ratio.
    private async Task<IReadOnlyList<CheckLine>> ModelsAsync(CancellationToken cancellation)
    {
        var settings = LocalCluster.LoadSettings(configDirectory, null);
        var models = settings.SelectMany(s => s.Devices).Select(d => d.ModelId).Distinct().ToList();
        var options = new ModelBenchmarkOptions(models, RatioBatches: [JobSpec.DefaultBatchSize], RatiosOnly: true);
        var rows = await new ModelBenchmark(ModelStore.Open(settings[0].ModelsDirectory), options, log).RunAsync(SyntheticCifar.Generate(options.Batch), cancellation);
        return [.. CheckVerdicts.Models(rows, options.Batch)];
    }

    // Adaptive at two sizes of Figure 3, three runs each.
    private async Task<IReadOnlyList<CheckLine>> SchemesAsync(CancellationToken cancellation)
    {
        var options = new SchemeBenchmarkOptions(DevicePreset.Paper, Schemes: [SchedulingScheme.Adaptive], EndDevices: CheckLimits.AdaptiveEndDevices);
        var settings = LocalCluster.LoadSettings(configDirectory, null, options.Preset, options.TimeScale);
        var points = await new SchemeBenchmark(settings, options, log).RunAsync(SyntheticCifar.Generate(DataSource.DefaultImageCount), cancellation);
        return [.. CheckVerdicts.Schemes(points)];
    }

    // Table 5: Monitor at four points, one run each (its figures vary by a percent or two), and None without failures.
    private async Task<IReadOnlyList<CheckLine>> FaultsAsync(CancellationToken cancellation)
    {
        var data = SyntheticCifar.Generate(DataSource.DefaultImageCount);
        var cells = new List<FaultMeasurement>();
        foreach (var (method, failures) in new[] { (FaultMethod.None, (IReadOnlyList<int>)[0]), (FaultMethod.Monitor, CheckLimits.MonitorFailures) })
        {
            var options = new FaultBenchmarkOptions(DevicePreset.Paper, Runs: 1, Failures: failures, Methods: [method]);
            var settings = LocalCluster.LoadSettings(configDirectory, null, options.Preset, options.TimeScale);
            cells.AddRange(await new FaultBenchmark(settings, options, log).RunAsync(data, cancellation));
        }

        return [.. CheckVerdicts.Faults(cells)];
    }

    // Table 4's auto cuts at a 0.5 s cloud link, three runs each against an unencrypted job of the same run.
    private async Task<IReadOnlyList<CheckLine>> PrivacyAsync(CancellationToken cancellation)
    {
        var options = new PrivacyBenchmarkOptions(TimeScale: 10, LatenciesMs: [500], AutoCutOnly: true);
        var settings = LocalCluster.LoadSettings(configDirectory, null, PrivacyBenchmark.Preset(PrivacyBenchmark.DefaultCloudMbps), options.TimeScale);
        var benchmark = new PrivacyBenchmark(settings, options, log);
        await benchmark.Table4Async(SyntheticCifar.Generate(PrivacyBenchmark.DefaultImages), cancellation);
        return [.. CheckVerdicts.Privacy(benchmark.Overheads)];
    }

    // Two light rates on the paper preset, five seconds each.
    private async Task<IReadOnlyList<CheckLine>> LatencyAsync(CancellationToken cancellation)
    {
        var settings = LocalCluster.LoadSettings(configDirectory, null, DevicePreset.Paper);
        var points = await new LatencyBenchmark(settings, SchedulingScheme.Adaptive, timeScale: 1, runs: 1, log)
            .RunAsync(SyntheticCifar.Generate(500), [5, 20], TimeSpan.FromSeconds(5), cancellation);
        var lines = CheckVerdicts.Latency(points).ToList();
        return lines.Count > 0 ? lines : [new CheckLine("latency", "rates below saturation", "none", "at least one", false)];
    }

    // The inference service on the shipped configs' real devices, over the .NET client: a light rate and the checked one.
    private async Task<IReadOnlyList<CheckLine>> ServeAsync(CancellationToken cancellation)
    {
        var settings = LocalCluster.LoadSettings(configDirectory, null);
        var options = new ServeBenchmarkOptions(
            [10, CheckLimits.ServeRate], TimeSpan.FromSeconds(5), ServeBenchmarkOptions.DefaultDeadline, TimeSpan.Zero, TimeSpan.Zero, HighShare: 0.1, Runs: 1, OverHttp: false);
        var result = await new ServeBenchmark(settings, options, log).RunAsync(SyntheticCifar.Generate(500), cancellation);
        return [.. CheckVerdicts.Serve(result.Sweeps.Values.First())];
    }

    // The cloud link stepping 50 → 5 → 50 Mbit/s under one run of each job of 1,500 images; a drifting stream of 4,000.
    private async Task<IReadOnlyList<CheckLine>> AdaptAsync(CancellationToken cancellation)
    {
        var phases = Adapting.AdaptBenchmarkOptions.DefaultPhasesMbps;
        var (settings, _) = Adapting.AdaptBenchmark.Settings(configDirectory, phases[0], Adapting.AdaptBenchmarkOptions.DefaultCloudLatency, 1);
        var bandwidth = await new Adapting.AdaptBenchmark(settings, new Adapting.AdaptBenchmarkOptions(1_500, 1, phases), log).BandwidthAsync(SyntheticCifar.Generate(1_500), cancellation);
        var drifting = Adapting.DriftBenchmark.Stream(4_000, Corruption.Noise);
        var drift = await new Adapting.DriftBenchmark(Adapting.DriftBenchmark.Settings(configDirectory), CheckLimits.Budget, log).RunAsync(drifting, 2_000, cancellation);
        var (first, late) = Adapting.JoinBenchmark.Settings(configDirectory, DevicePreset.Paper);
        var joins = await new Adapting.JoinBenchmark(first, late, DevicePreset.Paper, 1, log).RunAsync(SyntheticCifar.Generate(4_000), cancellation);
        return [.. CheckVerdicts.Adapt(bandwidth, drift, CheckLimits.Budget), .. CheckVerdicts.Join(joins)];
    }

    // The fault campaign, three runs.
    private async Task<IReadOnlyList<CheckLine>> ChaosAsync(CancellationToken cancellation)
    {
        var settings = LocalCluster.LoadSettings(configDirectory, null);
        var models = Enum.GetValues<Tier>().ToDictionary(t => t, t => settings.SelectMany(s => s.Devices).First(d => d.Tier == t).ModelId);
        var options = new ChaosBenchmarkOptions(CheckLimits.ChaosRuns, Seed: 1, Images: 3000, TimeScale: 2, models, settings[0].ModelsDirectory);
        var runs = await new ChaosBenchmark(options, log).RunAsync(SyntheticCifar.Generate(options.Images), cancellation);
        return [.. CheckVerdicts.Chaos(runs)];
    }
}
