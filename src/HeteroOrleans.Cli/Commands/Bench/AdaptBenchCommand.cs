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
        var only = ChoiceOption.Create("--only", "Run one part: Bandwidth, Drift or Join (default all)", AdaptPart.All);
        var drift = ChoiceOption.Create("--drift", "How the second half of the drift stream is corrupted: Noise, Blur or Contrast", Corruption.Noise);
        var driftImages = new Option<int>("--drift-images") { Description = "Images in the drift stream (its second half corrupted)", DefaultValueFactory = _ => 4_000 };
        var joinImages = new Option<int>("--join-images") { Description = "Images in the join part's job", DefaultValueFactory = _ => 6_000 };
        var budget = new Option<string>("--budget") { Description = "The escalation budget of the drift part, as 25% or 0.25", DefaultValueFactory = _ => "25%" };
        var command = new Command("adapt", "Plans that follow a world changing mid-run: a cloud link stepping 50 → 5 → 50 Mbit/s (the cut fixed at the start, re-cut as measured, the oracle), " +
            "data that drifts (a fixed threshold, --escalate Budget, the best threshold in hindsight), and edges that join a running job")
        {
            images, phases, latency, scale, runs, output, only, drift, driftImages, budget, joinImages,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var (timeScale, steps, part) = (result.GetValue(scale), result.GetValue(phases)!, result.GetValue(only));
            var share = Shares.Parse(result.GetValue(budget)!, "--budget");
            if (steps.Length < 2 || result.GetValue(images) < 50 * steps.Length || result.GetValue(runs) < 1 || result.GetValue(driftImages) < 2 * (DriftBenchmark.SettleImages + DriftBenchmark.WindowImages)
                || result.GetValue(joinImages) < 1_000)
            {
                throw new ArgumentException($"--phases {string.Join(' ', steps)}, --images {result.GetValue(images)}, --runs {result.GetValue(runs)}, --drift-images {result.GetValue(driftImages)}, " +
                    $"--join-images {result.GetValue(joinImages)}: at least two phases, a task of 50 images for each, one run, " +
                    $"{2 * (DriftBenchmark.SettleImages + DriftBenchmark.WindowImages):N0} drift images and 1,000 join images");
            }

            var sections = new List<string>();
            if (part is AdaptPart.All or AdaptPart.Bandwidth)
            {
                sections.Add(await BandwidthAsync(console, result.GetValue(images), result.GetValue(runs), steps, result.GetValue(latency), timeScale, cancellation));
            }

            if (part is AdaptPart.All or AdaptPart.Drift)
            {
                sections.Add(await DriftAsync(console, result.GetValue(driftImages), result.GetValue(drift), share, cancellation));
            }

            if (part is AdaptPart.All or AdaptPart.Join)
            {
                sections.Add(await JoinAsync(console, result.GetValue(joinImages), result.GetValue(runs), cancellation));
            }

            var text = $"""
                # Adapting while running

                {string.Join(Environment.NewLine + Environment.NewLine, sections)}
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(result.GetValue(output)!, "adapt.md"), text, stamp, cancellation);
            return 0;
        });
        return command;
    }

    private static async Task<string> BandwidthAsync(
        IAnsiConsole console, int images, int runs, double[] steps, TimeSpan? latency, double timeScale, CancellationToken cancellation)
    {
        var (settings, preset) = AdaptBenchmark.Settings(LocalCluster.DefaultConfigDirectory(), steps[0], latency ?? AdaptBenchmarkOptions.DefaultCloudLatency, timeScale);
        var options = new AdaptBenchmarkOptions(images, runs, steps, timeScale);
        var bench = new AdaptBenchmark(settings, options, BenchOutput.Log(console));
        var cuts = bench.PhaseCuts();
        var measured = await bench.BandwidthAsync(SyntheticCifar.Generate(options.Images), cancellation);
        return $"""
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
    }

    private static async Task<string> DriftAsync(IAnsiConsole console, int images, Corruption corruption, double budget, CancellationToken cancellation)
    {
        var (shift, data, preset) = (images / 2, DriftBenchmark.Stream(images, corruption), DevicePreset.Paper);
        var runs = await new DriftBenchmark(DriftBenchmark.Settings(LocalCluster.DefaultConfigDirectory()), budget, BenchOutput.Log(console)).RunAsync(data, shift, cancellation);
        return $"""
            ## The data drifts mid-stream

            Adaptive scheme, devices emulated by preset {preset.Name} (their answers those of the real models); {images:N0} images of
            {data.Source}: from image {shift:N0} on, every image is corrupted and the end model's confidences fall. Budget {budget:P0}.
            "{DriftBenchmark.FixedVariant}": `--escalate Uncertain` at the threshold under which {budget:P0} of the first half's
            confidences lie; "{DriftBenchmark.BudgetVariant} --budget {budget:P0}": the threshold learnt image by image, starting from the same one;
            "{DriftBenchmark.HindsightVariant}": `--escalate Uncertain` at the threshold under which {budget:P0} of the whole
            stream's confidences lie, known only once it is over. Windows of {DriftBenchmark.WindowImages} images (by image
            order), one every 100 images, from {DriftBenchmark.SettleImages} images after the shift to the end. One run: the
            answers are the same in every run.

            {DriftReport.ToMarkdown(runs, budget)}
            """;
    }

    private static async Task<string> JoinAsync(IAnsiConsole console, int images, int runs, CancellationToken cancellation)
    {
        var preset = DevicePreset.Paper;
        var (settings, late) = JoinBenchmark.Settings(LocalCluster.DefaultConfigDirectory(), preset);
        var measured = await new JoinBenchmark(settings, late, preset, runs, BenchOutput.Log(console)).RunAsync(SyntheticCifar.Generate(images), cancellation);
        var first = settings.SelectMany(s => s.Devices).GroupBy(d => d.Tier).Select(g => $"{g.Count()} {g.Key}");
        return $"""
            ## Edges join a running job

            Adaptive scheme under Monitor, devices emulated by preset {preset.Name} in real time (a device's join is a real
            event, so nothing is scaled); {images:N0} images in tasks of 50, every image escalated. The cluster starts with
            {string.Join(", ", first)} device(s): the fine stage is the bottleneck. "{JoinBenchmark.JoinVariant}": a silo with
            {JoinBenchmark.LateEdges} more edges ({string.Join(", ", late.Devices.Select(d => d.Id))}) starts once a third of the job's tasks
            have settled, told to nobody: the job finds them through the device monitor. Fluid bound: the devices' combined
            speed, stages overlapped, the fine stage a round trip longer; the joining job's is that of the first devices
            until the late silo was up and of all of them after. Each of {runs} run(s) starts a cluster of its own.

            {JoinReport.ToMarkdown(measured)}
            """;
    }
}
