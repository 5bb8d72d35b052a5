using System.Globalization;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench schemes</c>: Figure 3 and Table 2, each scheme for 1 to N end devices.</summary>
internal static class SchemesBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var preset = BenchOptions.Preset();
        var images = BenchOptions.Images(DataSource.DefaultImageCount);
        var batch = new Option<int>("--batch") { Description = "Images per task", DefaultValueFactory = _ => JobSpec.DefaultBatchSize };
        var maxEnd = new Option<int>("--max-end") { Description = "N_end runs from 1 to this", DefaultValueFactory = _ => 8 };
        var scale = BenchOptions.TimeScale(20);
        var schemes = new Option<SchedulingScheme[]>("--scheme")
        {
            Description = $"Measure only these schemes (repeat the option); default all: {string.Join(", ", SchemeBenchmark.Schemes)}",
            AllowMultipleArgumentsPerToken = true,
        };
        var runs = BenchOptions.Runs("Runs per point; each is their median, their least and greatest in brackets", 3);
        var data = BenchOptions.Data(string.Empty);
        var output = BenchOptions.OutDir("schemes.md and schemes.png");
        var command = new Command("schemes", "Figure 3 and Table 2: each scheme, Adaptive too, for 1..8 end devices, measured beside the paper's formulas and the fluid bound")
        {
            preset, images, batch, maxEnd, scale, schemes, runs, data, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var options = new SchemeBenchmarkOptions(DevicePreset.Load(result.GetValue(preset)!), result.GetValue(maxEnd), result.GetValue(batch), result.GetValue(scale),
                result.GetValue(schemes), result.GetValue(runs));
            if (options.TimeScale <= 0 || options.MaxEndDevices <= 0 || options.BatchSize <= 0 || options.Runs <= 0)
            {
                throw new ArgumentException("--time-scale, --max-end, --batch and --runs must be positive.");
            }

            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null, options.Preset, options.TimeScale);
            var endDevices = settings.Sum(s => s.Devices.Count(d => d.Tier == Tier.End));
            if (endDevices < options.MaxEndDevices)
            {
                throw new ArgumentException($"--max-end {options.MaxEndDevices}: the silo configs have only {endDevices} end devices.");
            }

            var dataSet = DataSource.Load(result.GetValue(data), result.GetValue(images));
            foreach (var id in settings.SelectMany(s => s.Devices).Select(d => d.ModelId).Distinct())
            {
                ModelStore.Open(settings[0].ModelsDirectory).EnsureBuilt(id);
            }

            var points = await new SchemeBenchmark(settings, options, BenchOutput.Log(console)).RunAsync(dataSet, cancellation);
            var plot = BenchOutput.In(result.GetValue(output)!, "schemes.png");
            SchemePlot.Save(points, plot);
            var text = $"""
                # Figure 3 and Table 2 on this machine

                Devices emulated by preset {options.Preset.Name}; {dataSet.Count:N0} images of {dataSet.Source} in tasks of {options.BatchSize};
                4 edges and 1 cloud; emulated times divided by {options.TimeScale} while running and measured makespans multiplied back;
                each measured figure the median of {options.Runs} runs, their least and greatest in brackets.
                Paper eq.: eqs. 1-3 and 6 of section 3.4 (Adaptive has none). Fluid bound: all work spread over all devices of the point, stages overlapped, the fine stage one link longer.

                ## Table 2 (preset)

                {Table2(options)}
                ## Figure 3

                {SchemeBenchmark.ToMarkdown(points)}
                ![Figure 3](schemes.png)

                ## Adaptive against the bound and the paper's schemes

                {SchemeBenchmark.AdaptiveSummary(points)}
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(result.GetValue(output)!, "schemes.md"), text, stamp, cancellation, plot);
            return 0;
        });
        return command;
    }

    private static string Table2(SchemeBenchmarkOptions options)
    {
        var table = new MarkdownTable("tier", "inference (ms/image)", "link round trip (s)", "processing (ms/image) = (link + batch × inference) / batch");
        foreach (var (tier, profile) in options.Preset.Tiers.OrderBy(t => t.Key))
        {
            var processing = (profile.RoundTripLatencyMs + options.BatchSize * profile.MsPerImage) / options.BatchSize;
            table.Add(tier.ToString(), profile.MsPerImage.ToString("F1", CultureInfo.InvariantCulture),
                (profile.RoundTripLatencyMs / 1000).ToString("F1", CultureInfo.InvariantCulture), processing.ToString("F1", CultureInfo.InvariantCulture));
        }

        return table.ToString();
    }
}
