using System.Globalization;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench scale</c>: one Adaptive job on 13 to 11,010 emulated devices.</summary>
internal static class ScaleBenchCommand
{
    // Ten times the issue's largest point: beyond that one process on one machine runs out of memory first.
    private const int MaxEndDevices = 100_000;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var preset = BenchOptions.Preset();
        var endDevices = new Option<int[]>("--end")
        {
            Description = $"End devices of each point (repeat the option), each with a tenth as many edges and a thousandth as many clouds; default {string.Join(", ", ScaleBenchmarkOptions.DefaultEndDevices)}",
            AllowMultipleArgumentsPerToken = true,
        };
        var batch = new Option<int>("--batch") { Description = "Images per task", DefaultValueFactory = _ => 20 };
        var perFine = new Option<int>("--images-per-fine-device") { Description = "Images in the job per edge or cloud", DefaultValueFactory = _ => 500 };
        var scale = BenchOptions.TimeScale(0.1);
        var runs = BenchOptions.Runs("Jobs per point, on its one cluster; each job figure is their median, their least and greatest in brackets", 3);
        var data = BenchOptions.Data(" whose images the jobs repeat");
        var output = BenchOptions.OutDir("scale.md and scale.png");
        var command = new Command("scale", "One Adaptive job on 13 to 11,010 emulated devices: makespan against the fluid bound, scheduler time per task, memory and start-up")
        {
            preset, endDevices, batch, perFine, scale, runs, data, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var points = result.GetValue(endDevices) is { Length: > 0 } given ? given : ScaleBenchmarkOptions.DefaultEndDevices.ToArray();
            var options = new ScaleBenchmarkOptions(DevicePreset.Load(result.GetValue(preset)!), points, result.GetValue(batch), result.GetValue(scale), result.GetValue(perFine), result.GetValue(runs));
            Check(double.IsFinite(options.TimeScale) && options.TimeScale > 0, $"--time-scale {options.TimeScale}: must be a positive number");
            Check(options.BatchSize > 0, $"--batch {options.BatchSize}: must be positive");
            Check(options.Runs > 0, $"--runs {options.Runs}: must be positive");
            Check(points.All(n => n is >= 1 and <= MaxEndDevices), $"--end {string.Join(", ", points)}: each point has 1 to {MaxEndDevices:N0} end devices");
            Check(options.ImagesPerFineDevice >= options.BatchSize, $"--images-per-fine-device {options.ImagesPerFineDevice}: at least --batch ({options.BatchSize})");

            var demo = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null, options.Preset, options.TimeScale);
            foreach (var id in demo.SelectMany(s => s.Devices).Select(d => d.ModelId).Distinct())
            {
                ModelStore.Open(demo[0].ModelsDirectory).EnsureBuilt(id);
            }

            var dataSet = DataSource.Load(result.GetValue(data), DataSource.DefaultImageCount);
            var measured = await new ScaleBenchmark(demo, options, BenchOutput.Log(console)).RunAsync(dataSet, cancellation);
            var plot = BenchOutput.In(result.GetValue(output)!, "scale.png");
            ScaleBenchmark.SavePlot(measured, plot);
            var text = $"""
                # One job on up to {measured.Max(p => p.Devices):N0} devices

                Scheme Adaptive; devices emulated by preset {options.Preset.Name} (their answers those of the real models), one silo per tier,
                all in one process on this machine. Each point has a tenth as many edges as end devices (at least 4) and a thousandth as many
                clouds (at least 1); its job has {options.ImagesPerFineDevice} images per edge or cloud, in tasks of {options.BatchSize}, repeating the
                {dataSet.Count:N0} images of {dataSet.Source}. Emulated times divided by {options.TimeScale.ToString(CultureInfo.InvariantCulture)} while running
                and measured makespans multiplied back. Start-up: from starting the silos until the device monitor lists every device.
                Activation: every device grain's first call, all at once. Scheduler: the Adaptive planner's own time. Peak RSS: the whole
                process, so every silo together. Each point runs {options.Runs} jobs on its cluster; each job figure is their median, their
                least and greatest in brackets.

                {ScaleBenchmark.ToMarkdown(measured)}
                ![scale](scale.png)
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(result.GetValue(output)!, "scale.md"), text, stamp, cancellation, plot);
            return 0;
        });
        return command;
    }

    private static void Check(bool holds, string problem)
    {
        if (!holds)
        {
            throw new ArgumentException(problem);
        }
    }
}
