using System.CommandLine;
using Spectre.Console;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench latency</c>: coarse and fine answer latency against an open-loop request rate.</summary>
internal static class LatencyBenchCommand
{
    private const string RealDevices = "onnx";

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var preset = BenchOptions.Preset();
        preset.Description += "; 'onnx': the silo configs' devices as they are, running ONNX Runtime for real";
        var scheme = BenchOptions.Scheme();
        var rates = new Option<double[]>("--rate")
        {
            Description = $"Requests a second to sweep (repeat the option); default {string.Join(", ", LatencyBenchmark.DefaultRates)}, stopping at the first the cluster cannot keep up with",
            AllowMultipleArgumentsPerToken = true,
        };
        var duration = Durations.Option("--duration", "How long requests go out at each rate (default 10s)", allowZero: false);
        var scale = BenchOptions.TimeScale(1);
        var runs = BenchOptions.Runs("Runs at each rate; each figure is their median, their least and greatest in brackets", 3);
        var output = BenchOptions.OutDir("latency.md and latency.png (latency-onnx.* with --preset onnx)");
        var command = new Command("latency", "Open-loop load: single-image requests at fixed rates; coarse and fine answer latency percentiles and throughput per rate")
        {
            preset, scheme, rates, duration, scale, runs, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var swept = result.GetValue(rates) is { Length: > 0 } given ? given : LatencyBenchmark.DefaultRates.ToArray();
            if (swept.Any(r => r <= 0 || !double.IsFinite(r)))
            {
                throw new ArgumentException("--rate is a positive number of requests a second.");
            }

            if (result.GetValue(runs) <= 0)
            {
                throw new ArgumentException("--runs must be positive.");
            }

            var seconds = (result.GetValue(duration) ?? TimeSpan.FromSeconds(10)).TotalSeconds;
            var presetName = result.GetValue(preset)!;
            var devices = string.Equals(presetName, RealDevices, StringComparison.OrdinalIgnoreCase) ? null : DevicePreset.Load(presetName);
            var timeScale = devices is null ? 1 : result.GetValue(scale);
            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null, devices, timeScale);
            var images = SyntheticCifar.Generate(500);
            var points = await new LatencyBenchmark(settings, result.GetValue(scheme), timeScale, result.GetValue(runs), BenchOutput.Log(console))
                .RunAsync(images, swept.Order().ToList(), TimeSpan.FromSeconds(seconds), cancellation);
            var name = devices is null ? "latency-onnx" : "latency";
            var plot = BenchOutput.In(result.GetValue(output)!, $"{name}.png");
            LatencyBenchmark.SavePlot(points, plot);
            var text = $"""
                # Answer latency under open-loop load

                {result.GetValue(scheme)} scheme, {(devices is null ? "the silo configs' devices running ONNX Runtime on this machine" : $"devices emulated by preset {devices.Name} (their answers those of the real models)")}.
                At each rate, single-image requests (one task of one image each) go out on a clock for {seconds:G} s, whatever
                became of the earlier ones; an image's latency runs from when the job took its request in to its coarse answer
                (end device) and to its fine answer (edge or cloud, over their links). Emulated times divided by {timeScale:G} while
                running, measured latencies multiplied back. Answered/s: the images over the job's time less one median fine latency
                (the pipeline filling); "saturated": fewer than nine answers a second for ten requests. Each figure is the median of
                {result.GetValue(runs)} runs at the rate, their least and greatest in brackets.

                {LatencyBenchmark.ToMarkdown(points)}
                ![latency]({name}.png)
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(result.GetValue(output)!, $"{name}.md"), text, stamp, cancellation, plot);
            return 0;
        });
        return command;
    }
}
