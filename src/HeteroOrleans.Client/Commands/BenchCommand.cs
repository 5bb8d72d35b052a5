using System.CommandLine;
using System.Globalization;
using HeteroOrleans.Client.Benchmarks;
using HeteroOrleans.Client.Hosting;
using HeteroOrleans.Client.Output;
using HeteroOrleans.Contracts;
using HeteroOrleans.Inference.Cifar;
using HeteroOrleans.Client.Jobs;
using HeteroOrleans.Inference.Models;
using Spectre.Console;

namespace HeteroOrleans.Client.Commands;

/// <summary><c>hetero bench</c>: reproduce the paper's measurements on this machine, as Markdown.</summary>
public static class BenchCommand
{
    /// <summary>The models of the paper's Table 1, then the compact ones the demo uses.</summary>
    public static IReadOnlyList<string> DefaultModels { get; } = ["mobilenet-v1-0.5", "resnet-34", "wrn-28-10", "resnet-10-w16", "wrn-16-2"];

    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("bench", "Measure this machine the way the paper's evaluation does; write Markdown tables");
        command.Subcommands.Add(Models(console));
        command.Subcommands.Add(Schemes(console));
        command.Subcommands.Add(Calibrate(console));
        command.Subcommands.Add(Faults(console));
        command.Subcommands.Add(Privacy(console));
        command.Subcommands.Add(ChaosCommand.Create(console));
        return command;
    }

    private static Command Privacy(IAnsiConsole console)
    {
        var images = new Option<int>("--images") { Description = "Images per job", DefaultValueFactory = _ => 1000 };
        var bandwidth = new Option<double>("--cloud-bandwidth") { Description = "Cloud link bandwidth in Mbit/s (the paper gives none; features are larger than images, so it matters)", DefaultValueFactory = _ => 50 };
        var scale = new Option<double>("--time-scale") { Description = "Emulated times are divided by this, measured ones multiplied back", DefaultValueFactory = _ => 10 };
        var output = new Option<string>("--out-dir") { Description = "Folder for privacy.md and privacy.png", DefaultValueFactory = _ => "bench-results" };
        var command = new Command("privacy", "Tables 3 and 4: encryption heads, and the overhead of encrypting at the end or the edge, fp32 or fp16, by cloud latency")
        {
            images, bandwidth, scale, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var timeScale = result.GetValue(scale);
            var paper = DevicePreset.Paper;
            var preset = paper with
            {
                Name = $"{paper.Name}, cloud link {result.GetValue(bandwidth)} Mbit/s, edge link 100 Mbit/s",
                Tiers = new Dictionary<Tier, TierProfile>
                {
                    [Tier.End] = paper.Tiers[Tier.End],
                    [Tier.Edge] = paper.Tiers[Tier.Edge] with { BandwidthMbps = 100 },
                    [Tier.Cloud] = paper.Tiers[Tier.Cloud] with { BandwidthMbps = result.GetValue(bandwidth) },
                },
            };
            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null, preset, timeScale);
            var store = ModelStore.Open(settings[0].ModelsDirectory);
            var fineModels = settings.SelectMany(s => s.Devices).Where(d => d.Tier != Tier.End).Select(d => d.ModelId)
                .Concat(["resnet-34", "wrn-28-10"]).Distinct().ToList();
            var table3 = PrivacyBenchmark.Table3(store, fineModels);
            var benchmark = new PrivacyBenchmark(settings, timeScale, line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
            var table4 = await benchmark.Table4Async(SyntheticCifar.Generate(result.GetValue(images)), cancellation);
            var text = $"""
                # Tables 3 and 4 on this machine

                ## Table 3: encryption heads (the first convolution of each fine model)

                {table3}
                ## Table 4: time to finish with encryption, against raw pixels sent to the cloud

                End-Cloud scheme, 8 end devices, 4 edges, 1 untrusted cloud, devices emulated by preset {preset.Name};
                {result.GetValue(images):N0} images in tasks of 50. The cloud runs {settings.SelectMany(s => s.Devices).First(d => d.Tier == Tier.Cloud).ModelId};
                heads run for real on the emulating machine. Emulated times divided by {timeScale} while running, measured makespans multiplied back.

                {table4}
                ## Bytes and accuracy of each way of sending (cloud latency 0.5 s)

                {benchmark.PrecisionTable()}
                """;
            var folder = result.GetValue(output)!;
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "privacy.md");
            benchmark.SavePlot(Path.Combine(folder, "privacy.png"));
            await File.WriteAllTextAsync(path, text + Environment.NewLine + "![Table 4](privacy.png)" + Environment.NewLine, cancellation);
            Console.WriteLine(text);
            console.MarkupLine($"Written to {Markup.Escape(path)}");
            return 0;
        });
        return command;
    }

    private static Command Faults(IAnsiConsole console)
    {
        var preset = new Option<string>("--preset") { Description = "'paper' (Table 2) or a preset file from 'hetero bench calibrate'", DefaultValueFactory = _ => "paper" };
        var images = new Option<int>("--images") { Description = "Images per job", DefaultValueFactory = _ => DataSource.DefaultImageCount };
        var maxFailures = new Option<int>("--max-failures") { Description = "Failing devices go from 0 to this", DefaultValueFactory = _ => 6 };
        var runs = new Option<int>("--runs") { Description = "Runs per point, averaged", DefaultValueFactory = _ => 3 };
        var timeout = Durations.MillisecondsOption("--timeout", "Communication timeout (default 0.5s)");
        var scale = new Option<double>("--time-scale") { Description = "Emulated times are divided by this, measured ones multiplied back", DefaultValueFactory = _ => 5 };
        var output = new Option<string>("--out-dir") { Description = "Folder for faults.md and faults.png", DefaultValueFactory = _ => "bench-results" };
        var command = new Command("faults", "Table 5 and Figure 4: 8 end devices, some stopping after half their tasks, under None, Reassign and Monitor")
        {
            preset, images, maxFailures, runs, timeout, scale, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var options = new FaultBenchmarkOptions(DevicePreset.Load(result.GetValue(preset)!), MaxFailures: result.GetValue(maxFailures),
                Runs: result.GetValue(runs), TimeoutMs: result.GetValue(timeout) ?? 500, TimeScale: result.GetValue(scale));
            if (options.TimeScale <= 0 || options.Runs <= 0 || options.MaxFailures < 0 || options.MaxFailures >= options.EndDevices)
            {
                throw new ArgumentException($"--time-scale and --runs must be positive, --max-failures between 0 and {options.EndDevices - 1}.");
            }

            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null, options.Preset, options.TimeScale);
            var dataSet = SyntheticCifar.Generate(result.GetValue(images));
            var benchmark = new FaultBenchmark(settings, options, line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
            var cells = await benchmark.RunAsync(dataSet, cancellation);
            var folder = result.GetValue(output)!;
            Directory.CreateDirectory(folder);
            FaultPlot.Save(cells, Path.Combine(folder, "faults.png"));
            var text = $"""
                # Table 5 and Figure 4 on this machine

                {options.EndDevices} end devices emulated by preset {options.Preset.Name} ({options.Preset.Tiers[Tier.End].MsPerImage} ms per image),
                scheme End, {dataSet.Count:N0} images in tasks of {options.BatchSize}; the first k devices stop answering after half their
                tasks; communication timeout {options.TimeoutMs} ms; mean of {options.Runs} runs; emulated times divided by {options.TimeScale}
                while running and measured makespans multiplied back. Inf: the job failed (images lost).

                {FaultBenchmark.ToMarkdown(cells)}
                ![Figure 4](faults.png)
                """;
            var path = Path.Combine(folder, "faults.md");
            await File.WriteAllTextAsync(path, text, cancellation);
            Console.WriteLine(text);
            console.MarkupLine($"Written to {Markup.Escape(path)} and {Markup.Escape(Path.Combine(folder, "faults.png"))}");
            return 0;
        });
        return command;
    }

    private static Command Schemes(IAnsiConsole console)
    {
        var preset = new Option<string>("--preset") { Description = "'paper' (Table 2) or a preset file from 'hetero bench calibrate'", DefaultValueFactory = _ => "paper" };
        var images = new Option<int>("--images") { Description = "Images per job", DefaultValueFactory = _ => DataSource.DefaultImageCount };
        var batch = new Option<int>("--batch") { Description = "Images per task", DefaultValueFactory = _ => 50 };
        var maxEnd = new Option<int>("--max-end") { Description = "N_end runs from 1 to this", DefaultValueFactory = _ => 8 };
        var scale = new Option<double>("--time-scale") { Description = "Emulated times are divided by this, measured ones multiplied back", DefaultValueFactory = _ => 20 };
        var data = new Option<string?>("--data") { Description = $"CIFAR-100 test data (default ${DataSource.DataVariable}, else synthetic)" };
        var output = new Option<string>("--out-dir") { Description = "Folder for schemes.md and schemes.png", DefaultValueFactory = _ => "bench-results" };
        var command = new Command("schemes", "Figure 3 and Table 2: each scheme for 1..8 end devices, measured beside the paper's formulas and the fluid bound")
        {
            preset, images, batch, maxEnd, scale, data, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var options = new SchemeBenchmarkOptions(DevicePreset.Load(result.GetValue(preset)!), result.GetValue(maxEnd), result.GetValue(batch), result.GetValue(scale));
            if (options.TimeScale <= 0 || options.MaxEndDevices <= 0 || options.BatchSize <= 0)
            {
                throw new ArgumentException("--time-scale, --max-end and --batch must be positive.");
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

            var benchmark = new SchemeBenchmark(settings, options, line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
            var points = await benchmark.RunAsync(dataSet, cancellation);
            var folder = result.GetValue(output)!;
            Directory.CreateDirectory(folder);
            var plotPath = Path.Combine(folder, "schemes.png");
            SchemePlot.Save(points, plotPath);
            var text = $"""
                # Figure 3 and Table 2 on this machine

                Devices emulated by preset {options.Preset.Name}; {dataSet.Count:N0} images of {dataSet.Source} in tasks of {options.BatchSize};
                4 edges and 1 cloud; emulated times divided by {options.TimeScale} while running and measured makespans multiplied back.
                Paper eq.: eqs. 1-3 and 6 of section 3.4. Fluid bound: all work spread over all devices of the point, stages overlapped, plus one link.

                ## Table 2 (preset)

                {Table2(options)}
                ## Figure 3

                {SchemeBenchmark.ToMarkdown(points)}
                ![Figure 3](schemes.png)
                """;
            var markdownPath = Path.Combine(folder, "schemes.md");
            await File.WriteAllTextAsync(markdownPath, text, cancellation);
            Console.WriteLine(text);
            console.MarkupLine($"Written to {Markup.Escape(markdownPath)} and {Markup.Escape(plotPath)}");
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

    private static Command Calibrate(IAnsiConsole console)
    {
        var runs = new Option<int>("--runs") { Description = "Timed runs after a warm-up; the median is used", DefaultValueFactory = _ => 5 };
        var output = new Option<string>("--out") { Description = "Preset file to write", DefaultValueFactory = _ => Path.Combine("bench-results", "preset-calibrated.json") };
        var command = new Command("calibrate", "Measure this machine's real ms/image for each tier's model into a preset (use with --preset FILE)") { runs, output };
        command.SetAction(async (result, cancellation) =>
        {
            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null);
            var store = ModelStore.Open(settings[0].ModelsDirectory);
            var batch = SyntheticCifar.Generate(50).CreateTask(0, 50);
            var tiers = new Dictionary<Tier, TierProfile>();
            var table = new MarkdownTable("tier", "model", "threads", "ms/image (median)", "link round trip (s)");
            foreach (var device in settings.SelectMany(s => s.Devices).GroupBy(d => d.Tier).Select(g => g.First()).OrderBy(d => d.Tier))
            {
                using var classifier = store.OpenClassifier(device.ModelId, SessionTuning.For(device));
                var ms = await Timing.MedianMsAsync(result.GetValue(runs), () => Task.Run(() => classifier.Classify(batch.Pixels, batch.Count), cancellation)) / batch.Count;
                tiers[device.Tier] = new TierProfile(Math.Round(ms, 3), device.Link.RoundTripLatencyMs, device.Link.BandwidthMbps);
                table.Add(device.Tier.ToString(), device.ModelId, device.IntraOpThreads.ToString(CultureInfo.InvariantCulture),
                    ms.ToString("F3", CultureInfo.InvariantCulture), (device.Link.RoundTripLatencyMs / 1000).ToString("F1", CultureInfo.InvariantCulture));
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

    private static Command Models(IAnsiConsole console)
    {
        var models = new Option<string[]>("--models") { Description = $"Model ids (default: {string.Join(", ", DefaultModels)})", AllowMultipleArgumentsPerToken = true };
        var runs = new Option<int>("--runs") { Description = "Timed runs after a warm-up; the median is reported", DefaultValueFactory = _ => 5 };
        var batch = new Option<int>("--batch") { Description = "Images per timed run", DefaultValueFactory = _ => 50 };
        var accuracyImages = new Option<int>("--accuracy-images") { Description = "Test images classified for the accuracy column", DefaultValueFactory = _ => 500 };
        var data = new Option<string?>("--data") { Description = $"CIFAR-100 test data for accuracy (default ${DataSource.DataVariable}, else synthetic)" };
        var output = new Option<string>("--out") { Description = "Markdown file to write", DefaultValueFactory = _ => Path.Combine("bench-results", "models.md") };
        var command = new Command("models", "Table 1: parameters, size, ms/image with 1 and 2 threads, accuracy, device-grain overhead")
        {
            models, runs, batch, accuracyImages, data, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var store = ModelStore.Open();
            var options = new ModelBenchmarkOptions(
                result.GetValue(models) is { Length: > 0 } named ? named : DefaultModels,
                result.GetValue(batch), result.GetValue(runs), result.GetValue(accuracyImages));
            foreach (var id in options.Models)
            {
                store.Manifest.Get(id);
            }

            var test = DataSource.Load(result.GetValue(data), Math.Max(options.AccuracyImages, options.Batch));
            var markdown = await new ModelBenchmark(store, options, line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"))
                .RunAsync(test, cancellation);
            var text = $"""
                # Table 1 on this machine

                {Environment.ProcessorCount} cores, ONNX Runtime CPU, batch {options.Batch}, median of {options.Runs} runs after a warm-up.
                Accuracy on {Math.Min(options.AccuracyImages, test.Count)} images of {test.Source}; classifiers fitted as `hetero models list` shows.
                Last column: time per batch through the device grain (Orleans call, worker queue, ONNX Runtime) over ONNX Runtime called directly, both 1 thread.

                {markdown}
                """;
            var path = result.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, text, cancellation);
            Console.WriteLine(text);
            console.MarkupLine($"Written to {Markup.Escape(path)}");
            return 0;
        });
        return command;
    }
}
