namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench faults</c>: Table 5 and Figure 4, failing end devices under each fault method.</summary>
internal static class FaultsBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var timeout = Durations.Option("--timeout", "Communication timeout (default 0.5s)", allowZero: false);
        var maxFailures = new Option<int>("--max-failures") { Description = "Failing devices go from 0 to this", DefaultValueFactory = _ => 6 };
        var preset = BenchOptions.Preset();
        var images = BenchOptions.Images(DataSource.DefaultImageCount);
        var runs = BenchOptions.Runs("Runs per point; each cell is their median, their least and greatest in brackets", 3);
        var scale = BenchOptions.TimeScale(5);
        var output = BenchOptions.OutDir("faults.md and faults.png");
        var command = new Command("faults", "Table 5 and Figure 4: 8 end devices, some stopping after half their tasks, under None, Reassign and Monitor")
        {
            preset, images, maxFailures, runs, timeout, scale, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var options = new FaultBenchmarkOptions(DevicePreset.Load(result.GetValue(preset)!), MaxFailures: result.GetValue(maxFailures),
                Runs: result.GetValue(runs), Timeout: result.GetValue(timeout), TimeScale: result.GetValue(scale));
            if (options.TimeScale <= 0 || options.Runs <= 0 || options.MaxFailures < 0 || options.MaxFailures >= options.EndDevices)
            {
                throw new ArgumentException($"--time-scale and --runs must be positive, --max-failures between 0 and {options.EndDevices - 1}.");
            }

            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null, options.Preset, options.TimeScale);
            var dataSet = SyntheticCifar.Generate(result.GetValue(images));
            var cells = await new FaultBenchmark(settings, options, BenchOutput.Log(console)).RunAsync(dataSet, cancellation);
            var plot = BenchOutput.In(result.GetValue(output)!, "faults.png");
            FaultPlot.Save(cells, plot);
            var text = $"""
                # Table 5 and Figure 4 on this machine

                {options.EndDevices} end devices emulated by preset {options.Preset.Name} ({options.Preset.Tiers[Tier.End].MsPerImage} ms per image),
                scheme End, {dataSet.Count:N0} images in tasks of {options.BatchSize}; the first k devices stop answering after half their
                tasks; communication timeout {options.CommunicationTimeout.TotalMilliseconds} ms; median of {options.Runs} runs (least–greatest); emulated times divided by {options.TimeScale}
                while running and measured makespans multiplied back. Inf: the job failed (images lost).

                {FaultBenchmark.ToMarkdown(cells)}
                ![Figure 4](faults.png)
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(result.GetValue(output)!, "faults.md"), text, stamp, cancellation, plot);
            return 0;
        });
        return command;
    }
}
