using HeteroOrleans.Hosting.Configuration;

namespace HeteroOrleans.Cli.Commands;

/// <summary><c>hetero demo</c>: starts an end, an edge and a cloud silo in this process and runs one job on them.</summary>
public static class DemoCommand
{
    private static readonly Option<bool> KeepAlive = new("--keep-alive") { Description = "Keep the silos (dashboard, device page, metrics) up after the job, until Ctrl+C" };

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var jobOptions = new JobCommandOptions();
        var configs = new Option<string?>("--silo-configs")
        {
            Description = $"Folder with {string.Join(", ", LocalCluster.DemoConfigFiles)} (default: ./silo-configs, searched upwards)",
        };
        var models = new Option<ModelPreset>("--models")
        {
            Description = "config: the models the silo configs name (compact, fast); paper: MobileNet v1 0.5 / ResNet-34 / WRN-28-10 (slow here)",
            DefaultValueFactory = _ => ModelPreset.Config,
        };
        var preset = new Option<string?>("--preset")
        {
            Description = "Emulate every device by a profile: 'paper' (Table 2: 10.4/8.4/10.8 ms per image, links 0/0.5/1 s) or a preset file from 'hetero bench calibrate'",
        };
        var command = new Command("demo", "Start end, edge and cloud silos in this process and classify a data set on them");
        jobOptions.AddTo(command);
        command.Options.Add(configs);
        command.Options.Add(models);
        command.Options.Add(preset);
        command.Options.Add(KeepAlive);
        command.SetAction((result, cancellation) => RunAsync(
            console, result.GetValue(configs), result.GetValue(models), result.GetValue(preset) is { } p ? DevicePreset.Load(p) : null, jobOptions, result, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(
        IAnsiConsole console, string? configDirectory, ModelPreset models, DevicePreset? preset, JobCommandOptions jobOptions, ParseResult result,
        CancellationToken cancellation)
    {
        var data = jobOptions.LoadData(result, console);
        var directory = configDirectory ?? LocalCluster.DefaultConfigDirectory();
        var settings = LocalCluster.LoadSettings(directory, ModelPresets.ModelsOf(models), preset);
        if (preset is not null)
        {
            console.MarkupLine($"Devices emulated by preset [bold]{Markup.Escape(preset.Name)}[/]: " +
                string.Join("; ", preset.Tiers.Select(t =>
                    $"{t.Key} {t.Value.MsPerImage} ms/image{(t.Value.MsPerBatch > 0 ? $" + {t.Value.MsPerBatch} ms/batch" : "")}, link {t.Value.RoundTripLatencyMs / 1000:0.###} s")));
        }
        BuildModels(console, settings);
        foreach (var silo in settings)
        {
            SiloModelCheck.Check(silo, $"{directory} (silo '{silo.Name}')");
            SiloPortCheck.Check(silo, $"{directory} (silo '{silo.Name}')");
            SiloStorageCheck.Check(silo, $"{directory} (silo '{silo.Name}')");
        }

        console.MarkupLine($"Starting silos from [blue]{Markup.Escape(directory)}[/] …");
        await using var cluster = await LocalCluster.StartAsync(settings, cancellation);
        await cluster.WaitForDevicesAsync(TimeSpan.FromSeconds(30), cancellation);
        foreach (var (silo, tiers, devices) in cluster.Settings.Select(s => (s.Name, string.Join(",", s.Tiers), s.Devices.Count)))
        {
            console.MarkupLine($"  silo [bold]{silo}[/] ({tiers}): {devices} device(s)");
        }

        foreach (var (silo, url) in cluster.Dashboards)
        {
            console.MarkupLine($"  dashboard of {silo}: [link]{url}[/]  devices: [link]{url}/devices[/]  metrics: {url}/metrics");
        }

        var exitCode = await JobSession.RunAsync(console, cluster.Grains, data, jobOptions.Read(result), cancellation, answers: jobOptions.Answers(result));
        if (result.GetValue(KeepAlive) && !cancellation.IsCancellationRequested)
        {
            console.MarkupLine("Silos stay up for the dashboard and the device page; Ctrl+C to stop.");
            await Task.Delay(Timeout.Infinite, cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return exitCode;
    }

    // Building and fitting a missing model takes seconds (minutes for the paper's networks): do it up front, visibly,
    // rather than inside the first device activation.
    private static void BuildModels(IAnsiConsole console, IReadOnlyList<SiloSettings> settings)
    {
        foreach (var group in settings.GroupBy(s => s.ModelsDirectory))
        {
            var store = ModelStore.Open(group.Key);
            foreach (var id in group.SelectMany(s => s.Devices).Select(d => d.ModelId).Distinct().Where(id => !store.IsBuilt(id)))
            {
                console.Status().Start($"Building and fitting model {id} (first run only) …", _ => store.EnsureBuilt(id));
                console.MarkupLine($"  built model {id}");
            }
        }
    }
}
