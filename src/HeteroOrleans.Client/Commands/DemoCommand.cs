using System.CommandLine;
using HeteroOrleans.Client.Hosting;
using HeteroOrleans.Client.Jobs;
using Spectre.Console;

namespace HeteroOrleans.Client.Commands;

/// <summary><c>hetero demo</c>: starts an end, an edge and a cloud silo in this process and runs one job on them.</summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var jobOptions = new JobCommandOptions();
        var configs = new Option<string?>("--silo-configs")
        {
            Description = $"Folder with {string.Join(", ", LocalCluster.DemoConfigFiles)} (default: ./silo-configs, searched upwards)",
        };
        var command = new Command("demo", "Start end, edge and cloud silos in this process and classify a data set on them");
        jobOptions.AddTo(command);
        command.Options.Add(configs);
        command.SetAction((result, cancellation) => RunAsync(console, result.GetValue(configs), jobOptions, result, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string? configDirectory, JobCommandOptions jobOptions, ParseResult result, CancellationToken cancellation)
    {
        var data = DataSource.Load(result.GetValue(jobOptions.Data), result.GetValue(jobOptions.Images));
        JobSession.DescribeData(console, data);
        var directory = configDirectory ?? LocalCluster.DefaultConfigDirectory();
        console.MarkupLine($"Starting silos from [blue]{Markup.Escape(directory)}[/] …");
        await using var cluster = await LocalCluster.StartAsync(directory, cancellation);
        await cluster.WaitForDevicesAsync(TimeSpan.FromSeconds(30), cancellation);
        foreach (var (silo, tiers, devices) in cluster.Settings.Select(s => (s.Name, string.Join(",", s.Tiers), s.Devices.Count)))
        {
            console.MarkupLine($"  silo [bold]{silo}[/] ({tiers}): {devices} device(s)");
        }

        foreach (var (silo, url) in cluster.Dashboards)
        {
            console.MarkupLine($"  dashboard of {silo}: [link]{url}[/]");
        }

        return await JobSession.RunAsync(console, cluster.Grains, data, jobOptions.Read(result), cancellation);
    }
}
