using System.Globalization;
using HeteroOrleans.Grains.Devices;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench calibrate</c>: this machine's real time per image and per batch of each tier's model, as a device preset.</summary>
internal static class CalibrateCommand
{
    private const int Batch = 50;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var runs = BenchOptions.Runs("Timed runs after a warm-up; the median is used", 5);
        var output = BenchOptions.OutFile("Preset file to write", "preset-calibrated.json");
        var command = new Command("calibrate", "Measure this machine's real ms/image and ms/batch for each tier's model into a preset (use with --preset FILE)") { runs, output };
        command.SetAction(async (result, cancellation) =>
        {
            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null);
            var store = ModelStore.Open(settings[0].ModelsDirectory);
            var images = SyntheticCifar.Generate(Batch);
            var (one, batch) = (images.Batch(0, 1), images.Batch(0, Batch));
            var tiers = new Dictionary<Tier, TierProfile>();
            var table = new MarkdownTable("tier", "model", "threads", "ms/image (median)", "ms/batch (median)", "link round trip (s)");
            foreach (var device in settings.SelectMany(s => s.Devices).GroupBy(d => d.Tier).Select(g => g.First()).OrderBy(d => d.Tier))
            {
                using var classifier = store.OpenClassifier(device.ModelId, DeviceTuning.For(device));
                Task<double> Time(CifarBatch pixels) =>
                    Timing.MedianMsAsync(result.GetValue(runs), () => Task.Run(() => classifier.Classify(pixels.Pixels, pixels.Count), cancellation));

                // A batch's time is a fixed cost and a cost per image: two batch sizes give both.
                var (single, full) = (await Time(one), await Time(batch));
                var perImage = Math.Max(0, (full - single) / (Batch - 1));
                var perBatch = Math.Max(0, single - perImage);
                tiers[device.Tier] = new TierProfile(Math.Round(perImage, 3), device.Link.RoundTripLatencyMs, device.Link.BandwidthMbps, Math.Round(perBatch, 3));
                table.Add(device.Tier.ToString(), device.ModelId, device.IntraOpThreads.ToString(CultureInfo.InvariantCulture), perImage.ToString("F3", CultureInfo.InvariantCulture),
                    perBatch.ToString("F3", CultureInfo.InvariantCulture), (device.Link.RoundTripLatencyMs / 1000).ToString("F1", CultureInfo.InvariantCulture));
            }

            var path = result.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            new DevicePreset($"calibrated on {Environment.MachineName} {DateTime.UtcNow:yyyy-MM-dd}", tiers).Save(path);
            Console.WriteLine(table);
            console.MarkupLine($"Preset written to {Markup.Escape(path)}; use it with --preset {Markup.Escape(path)}");
            return 0;
        });
        return command;
    }
}
