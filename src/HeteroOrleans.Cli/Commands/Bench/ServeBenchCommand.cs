using System.Globalization;
using HeteroOrleans.Benchmarks.Serving;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Hosting.Configuration;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench serve</c>: the inference service under open-loop load, over the .NET client and HTTP, with an overload step.</summary>
internal static class ServeBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var preset = BenchOptions.PresetOrRealDevices();
        var rates = BenchOptions.Sweep(
            "--rate", "Requests a second", ServeBenchmarkOptions.DefaultRates, r => r is > 0 and <= BenchOptions.MostRequestsPerSecond, $"is a positive number of requests a second, at most {BenchOptions.MostRequestsPerSecond:N0}");
        rates.Description += ", rising; past the first the service cannot keep up with, only while the rate it answers by the deadline still rises";
        var duration = Durations.Option("--duration", "How long requests go out at each rate (default 5s)", allowZero: false);
        var deadline = Durations.Option("--deadline", $"The deadline of the sweep's requests (default {ServeBenchmarkOptions.DefaultDeadline.TotalMilliseconds:G}ms)", allowZero: false);
        var overloadDeadline = Durations.Option("--overload-deadline", "The deadline of the overload step's requests (default: the sweep's, --deadline)", allowZero: false);
        var overloadDuration = Durations.Option("--overload-duration", "How long the overload step lasts (default 30s)", allowZero: false);
        var highShare = new Option<double>("--high-share") { Description = "Share of the requests in the high-priority class", DefaultValueFactory = _ => 0.1 };
        highShare.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1 or double.NaN)
            {
                r.AddError("--high-share is a share from 0 to 1.");
            }
        });
        var dotnetOnly = new Option<bool>("--no-http") { Description = "Sweep over the .NET client only" };
        var jobImages = new Option<int>("--job-images")
        {
            Description = "With real devices, the images of a batch job (Adaptive, tasks of 50, links at 0) timed against the raw ONNX Runtime rate; 0: none",
            DefaultValueFactory = _ => ServeBenchmarkOptions.DefaultJobImages,
        };
        jobImages.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--job-images is a number of images, 0 or more.");
            }
        });
        var runs = BenchOptions.Runs("Runs at each rate; each figure is their median, their least and greatest in brackets", 3);
        var outDir = BenchOptions.OutDir("serve.md (serve-onnx.md with --preset onnx)");
        var command = new Command("serve", "The inference service under open-loop load: answered/s, latencies and outcomes per rate over the .NET client and HTTP, " +
            "the raw ONNX Runtime ceiling, and an overload step at 1.5× saturation")
        {
            preset, rates, duration, deadline, overloadDeadline, overloadDuration, highShare, dotnetOnly, jobImages, runs, outDir,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var log = BenchOutput.Log(console);
            var real = BenchOptions.IsRealDevices(result.GetValue(preset));
            var devices = real ? null : DevicePreset.Load(result.GetValue(preset)!);
            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null, devices);
            var sweepDeadline = result.GetValue(deadline) ?? ServeBenchmarkOptions.DefaultDeadline;
            var images = SyntheticCifar.Generate(500);
            var options = new ServeBenchmarkOptions(
                result.GetValue(rates)!.Order().ToList(), result.GetValue(duration) ?? TimeSpan.FromSeconds(5), sweepDeadline,
                result.GetValue(overloadDeadline) ?? sweepDeadline, result.GetValue(overloadDuration) ?? TimeSpan.FromSeconds(30),
                result.GetValue(highShare), result.GetValue(runs), OverHttp: !result.GetValue(dotnetOnly), JobImages: real ? result.GetValue(jobImages) : 0);
            var (ceiling, ceilingName) = real
                ? (await RawOnnxAsync(settings, images, log, cancellation), "raw ONNX Runtime rate measured in this run (median of 3)")
                : (FluidCapacity(settings), "devices' fluid capacity");
            var measured = await new ServeBenchmark(settings, options, log).RunAsync(images, cancellation);
            var name = real ? "serve-onnx" : "serve";
            var text = $"""
                # Serving single pictures under open-loop load

                The inference service (`Silo:Serving` of the silo configs) on {(real ? "the silo configs' devices running ONNX Runtime on this machine" : $"devices emulated by preset {devices!.Name} (their answers those of the real models)")},
                with the configs' links. At each rate, single-image requests go out on a clock for {options.Duration.TotalSeconds:G} s whatever became of
                the earlier ones, {options.HighShare:P0} of them high priority, each with a {options.Deadline.TotalMilliseconds:G} ms deadline; latency is timed
                at the client from sending to the answer. Answered/s: requests answered (fine, or coarse at the deadline) over the
                time to the last answer less one median latency; by deadline/s: those answered by the deadline + 20 ms at the client.
                A rate is kept up with when at least 90 % of requests get the fine answer in time, 99 % are answered by the deadline
                + 20 ms, at most 1 % is refused and none is lost; past the first that is not, the sweep goes on while the rate
                answered by the deadline still rises (by 3 %). Saturation: the most answered by the deadline a second at any
                rate. Mean batch: images per batch the service sent. Each figure is the median of {options.Runs} runs at the
                rate, their least and greatest in brackets.

                {ServeReport.ToMarkdown(measured, ceiling, ceilingName, options.OverloadDeadline)}
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(result.GetValue(outDir)!, $"{name}.md"), text, stamp, cancellation);
            return 0;
        });
        return command;
    }

    // Both tiers' models over every image, every core busy: the most this machine can answer a second. Three runs, their
    // median: one run of a few seconds on a shared machine can be a fifth off.
    private static async Task<double> RawOnnxAsync(IReadOnlyList<SiloSettings> settings, CifarDataset images, Action<string> log, CancellationToken cancellation)
    {
        var all = settings.SelectMany(s => s.Devices).ToList();
        var (coarse, fine) = (all.First(d => d.Tier == Tier.End).ModelId, all.First(d => d.Tier == Tier.Edge).ModelId);
        log($"raw ONNX Runtime: {coarse} and {fine} over batches of 50, {Environment.ProcessorCount} workers of one thread, 3 runs …");
        var store = ModelStore.Open(settings[0].ModelsDirectory);
        var rates = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            rates.Add(await OnnxCeiling.MeasureAsync(store, coarse, fine, images, Environment.ProcessorCount, TimeSpan.FromSeconds(5), cancellation));
        }

        var rate = Sample.Of(rates);
        log($"raw ONNX Runtime: {rate.Median:F0} images/s ({string.Join(", ", rates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))})");
        return rate.Median;
    }

    // The emulated devices' own rate for both stages: the slower stage's devices, all busy.
    private static double FluidCapacity(IReadOnlyList<SiloSettings> settings)
    {
        var all = settings.SelectMany(s => s.Devices).ToList();
        double Rate(IEnumerable<DeviceProfile> devices) => devices.Sum(d => 1000 / d.MsPerImage);
        return Math.Min(Rate(all.Where(d => d.Tier == Tier.End)), Rate(all.Where(d => d.Tier != Tier.End)));
    }
}
