using System.CommandLine;
using Spectre.Console;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench escalation</c>: accuracy, share escalated and time against the confidence threshold.</summary>
internal static class EscalationBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var preset = BenchOptions.Preset();
        var images = BenchOptions.Images(2000);
        var scheme = BenchOptions.Scheme();
        var thresholds = new Option<double[]>("--threshold")
        {
            Description = $"Thresholds to sweep (repeat the option); default {string.Join(", ", EscalationBenchmark.DefaultThresholds)}",
            AllowMultipleArgumentsPerToken = true,
        };
        var scale = BenchOptions.TimeScale(5);
        var runs = BenchOptions.Runs("Runs at each threshold; each makespan is their median, their least and greatest in brackets", 3);
        var output = BenchOptions.OutDir("escalation.md and escalation.png");
        var command = new Command("escalation", "Escalate only uncertain images: share escalated, accuracy of each part and makespan against the confidence threshold")
        {
            preset, images, scheme, thresholds, scale, runs, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var swept = result.GetValue(thresholds) is { Length: > 0 } given ? given : EscalationBenchmark.DefaultThresholds.ToArray();
            if (swept.Any(t => t is < 0 or > 1 || double.IsNaN(t)))
            {
                throw new ArgumentException("--threshold is a confidence between 0 and 1.");
            }

            if (result.GetValue(runs) <= 0)
            {
                throw new ArgumentException("--runs must be positive.");
            }

            var devices = DevicePreset.Load(result.GetValue(preset)!);
            var timeScale = result.GetValue(scale);
            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null, devices, timeScale);
            var data = SyntheticCifar.Generate(result.GetValue(images));
            var points = await new EscalationBenchmark(settings, result.GetValue(scheme), timeScale, result.GetValue(runs), BenchOutput.Log(console))
                .RunAsync(data, swept.Order().ToList(), cancellation);
            var plot = BenchOutput.In(result.GetValue(output)!, "escalation.png");
            EscalationBenchmark.SavePlot(points, plot);
            var text = $"""
                # Escalating only uncertain images

                {result.GetValue(scheme)} scheme, devices emulated by preset {devices.Name} (their answers those of the real models);
                {data.Count:N0} images of {data.Source} in tasks of 50. An image goes on to the fine stage when the end model's
                confidence (softmax probability of its predicted class) is below the threshold; 1 sends every image on, as the
                paper does. Emulated times divided by {timeScale} while running, measured makespans multiplied back; each the median of
                {result.GetValue(runs)} runs, their least and greatest in brackets.

                {EscalationBenchmark.ToMarkdown(points)}
                ![escalation](escalation.png)
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(result.GetValue(output)!, "escalation.md"), text, stamp, cancellation, plot);
            return 0;
        });
        return command;
    }
}
