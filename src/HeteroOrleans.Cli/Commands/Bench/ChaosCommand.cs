namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench chaos</c>: a fault campaign under Monitor, one row per run and a summary line.</summary>
internal static class ChaosCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var runs = new Option<int>("--runs") { Description = "Jobs, each on a fresh cluster of two silos per tier", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seeds the faults, their times and the schemes: the same seed, the same campaign", DefaultValueFactory = _ => 1 };
        var images = BenchOptions.Images(3000);
        var scale = BenchOptions.TimeScale(2);
        var output = BenchOptions.OutDir("chaos.md and chaos.png");
        var storeFaults = new Option<bool>("--store-faults")
        {
            Description = "Runs may kill the membership and job store too (Redis restarted empty, restarted from its log, or failed over by a Sentinel); needs redis-server",
            DefaultValueFactory = _ => true,
        };
        var command = new Command("chaos", "Fault campaign: each run kills silos (the job's own too), hangs and slows devices, loads the CPU, kills the store, and counts every image's results")
        {
            runs, seed, images, scale, output, storeFaults,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            if (result.GetValue(runs) <= 0 || result.GetValue(images) <= 0 || result.GetValue(scale) <= 0)
            {
                throw new ArgumentException("--runs, --images and --time-scale must be positive.");
            }

            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null);
            var models = Enum.GetValues<Tier>().ToDictionary(t => t, t => settings.SelectMany(s => s.Devices).First(d => d.Tier == t).ModelId);
            var store = ModelStore.Open(settings[0].ModelsDirectory);
            foreach (var model in models.Values.Where(m => !store.IsBuilt(m)))
            {
                console.Status().Start($"Building and fitting model {model} (first run only) …", _ => store.EnsureBuilt(model));
            }

            var options = new ChaosBenchmarkOptions(
                result.GetValue(runs), result.GetValue(seed), result.GetValue(images), result.GetValue(scale), models, settings[0].ModelsDirectory, StoreFaults: result.GetValue(storeFaults));
            var rows = await new ChaosBenchmark(options, BenchOutput.Log(console)).RunAsync(SyntheticCifar.Generate(options.Images), cancellation);
            var plot = BenchOutput.In(result.GetValue(output)!, "chaos.png");
            var storeText = !options.StoreFaults ? string.Empty
                : RedisProcess.Missing is { } missing ? $" (store faults skipped: {missing})"
                : ", or the store killed: a run with a store fault keeps membership and jobs in a Redis of its own, which is killed without " +
                  "grace and started again 5-20 s later empty (no persistence) or from its append-only log, or, as a master with a replica " +
                  "and a Sentinel, fails over; \"away\" is how long the store did not answer";
            ChaosPlot.Save(rows, plot);
            var text = $"""
                # Fault campaign on this machine

                {options.Runs} runs, seed {options.Seed}. Each run: a fresh cluster of two silos per tier in one process (3 end devices, 2 edges or
                1 cloud per silo, emulated by the paper's Table 2 with times divided by {options.TimeScale}), one job of {options.Images:N0} images
                under Monitor with default options, and one to three faults at random points: a silo killed without grace (the job's own, or
                another), a device hung or slowed ×5-×20, busy loops on the CPU{storeText}. At most one silo per tier dies and every silo keeps a device of its tier that answers, so one device of each
                role always lives. Every image's results are read back from the job.
                Bound: the fluid bound of the devices that survived.

                {ChaosBenchmark.ToMarkdown(rows)}
                **{ChaosBenchmark.Summary(rows)}**

                ![Campaign](chaos.png)
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(result.GetValue(output)!, "chaos.md"), text, stamp, cancellation, plot);
            return rows.All(r => r.Completed && r.Missing == 0 && r.Duplicated == 0) ? 0 : 1;
        });
        return command;
    }
}
