using System.Globalization;
using HeteroOrleans.Benchmarks.Adapting;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench adapt</c>: plans that follow the measured world while it changes mid-run.</summary>
internal static class AdaptBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var images = BenchOptions.Images(AdaptBenchmarkOptions.DefaultImages);
        var phases = BenchOptions.Sweep("--phases", "The cloud link's bandwidth in each phase of the job, in Mbit/s", AdaptBenchmarkOptions.DefaultPhasesMbps, m => m > 0, "is a bandwidth above 0");
        var latency = Durations.Option("--cloud-latency", "The cloud link's round trip (default 500ms): the paper's 1 s would hide much of what the bandwidth does", allowZero: false);
        var scale = BenchOptions.TimeScale(1);
        var runs = BenchOptions.Runs("Runs of each job; each figure is their median, their least and greatest in brackets", 3);
        var output = BenchOptions.OutDir("adapt.md");
        var command = new Command("adapt", "A job whose cloud link steps 50 → 5 → 50 Mbit/s mid-run: the cut fixed at its start, re-cut as the measured link changes, and the oracle")
        {
            images, phases, latency, scale, runs, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var (timeScale, steps) = (result.GetValue(scale), result.GetValue(phases)!);
            if (steps.Length < 2 || result.GetValue(images) < 50 * steps.Length || result.GetValue(runs) < 1)
            {
                throw new ArgumentException($"--phases {string.Join(' ', steps)}, --images {result.GetValue(images)}, --runs {result.GetValue(runs)}: " +
                    "at least two phases, a task of 50 images for each, and one run");
            }

            var cloudLatency = result.GetValue(latency) ?? AdaptBenchmarkOptions.DefaultCloudLatency;
            var linked = PrivacyBenchmark.Preset(steps[0]);
            var preset = linked with
            {
                Name = $"{linked.Name}, cloud round trip {cloudLatency.TotalMilliseconds:0} ms",
                Tiers = new Dictionary<Tier, TierProfile>(linked.Tiers) { [Tier.Cloud] = linked.Tiers[Tier.Cloud] with { RoundTripLatencyMs = cloudLatency.TotalMilliseconds } },
            };
            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null, preset, timeScale);
            var options = new AdaptBenchmarkOptions(result.GetValue(images), result.GetValue(runs), steps, timeScale);
            var bench = new AdaptBenchmark(settings, options, BenchOutput.Log(console));
            var cuts = bench.PhaseCuts();
            var measured = await bench.BandwidthAsync(SyntheticCifar.Generate(options.Images), cancellation);
            var text = $"""
                # Adapting while running

                ## The cloud link steps mid-job

                End-Cloud scheme, privacy EncryptAtEnd (fp32): every fine stage runs on the untrusted cloud, its model cut where
                the job decides, the head on the trusted end devices. Devices emulated by preset {preset.Name}; {options.Images:N0} images in tasks of 50.
                The cloud link's bandwidth steps {string.Join(" → ", steps.Select(s => s.ToString(CultureInfo.InvariantCulture)))} Mbit/s as the job's settled tasks pass each
                {100.0 / steps.Length:F0} % share: changed in every silo's emulated link, told to nobody; the job only sees its own
                transfers take longer or shorter. "{AdaptBenchmark.FixedVariant}": the cut `--split auto` picks for the first phase,
                named (so it never moves); "{AdaptBenchmark.RecutVariant}": `--split auto`, following the measured link;
                "{AdaptBenchmark.OracleVariant}": each phase's share of the images as its own job on its own link, cut where
                `--split auto` picks for that link, the makespans summed (each phase also fills and drains its own pipeline).
                Emulated times divided by {timeScale.ToString(CultureInfo.InvariantCulture)} while running, measured times multiplied back; {options.Runs} run(s) of each.

                {AdaptReport.Bandwidth(measured, steps, cuts)}
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(result.GetValue(output)!, "adapt.md"), text, stamp, cancellation);
            return 0;
        });
        return command;
    }
}
