using System.Globalization;
using HeteroOrleans.Benchmarks.Rolling;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench roll</c>: a rolling restart of a multi-process cluster on Redis under a steady stream of requests.</summary>
internal static class RollBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var cluster = new ProcessClusterOptions("The folder of the cluster's silo configs, restarted in name order (default silo-configs/cluster)");
        var rate = new Option<double>("--rate") { Description = "Requests a second, all the while", DefaultValueFactory = _ => RollBenchmarkOptions.DefaultRate };
        var deadline = Durations.Option("--deadline", "Each request's deadline; default 1s", allowZero: false);
        var steady = Durations.Option("--steady", "How long the steady stream before the roll is measured; default 20s", allowZero: false);
        var readyWithin = Durations.Option("--ready-within", "How long a restarted silo may take to be ready; default 3min", allowZero: false);
        var runs = BenchOptions.Runs("Rolls, each on a cluster of its own; each figure is their median, their least and greatest in brackets", 3);
        var data = BenchOptions.Data(" whose images the requests carry");
        var output = BenchOptions.OutDir("roll.md and the processes' logs");
        var command = new Command("roll", "Restart every silo of a multi-process Redis cluster one at a time under a steady stream of requests: " +
            "requests lost or failed, the fine p99 against its steady value, each stop against its drain bound, device grains deactivated on other silos")
        {
            rate, deadline, steady, readyWithin, runs, data, output,
        };
        cluster.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var folder = cluster.Folder(result);
            var files = cluster.ConfigFiles(result, 2, "a rolling restart needs the configs of two silos or more there");
            Check(result.GetValue(rate) is > 0 and <= 10_000, $"--rate {result.GetValue(rate)}: requests a second, more than 0 and at most 10,000");
            var outDir = Directory.CreateDirectory(result.GetValue(output)!).FullName;
            var logs = Directory.CreateDirectory(Path.Combine(outDir, "roll-logs")).FullName;
            var options = new RollBenchmarkOptions(
                files, cluster.SiloProgram(result), cluster.RedisServer(result), result.GetValue(rate), result.GetValue(deadline) ?? TimeSpan.FromSeconds(1),
                result.GetValue(steady) ?? TimeSpan.FromSeconds(20), result.GetValue(readyWithin) ?? TimeSpan.FromMinutes(3), result.GetValue(runs), logs);
            Check(options.Runs > 0, $"--runs {options.Runs}: must be positive");
            var images = DataSource.Load(result.GetValue(data), DataSource.DefaultImageCount);
            var measured = await new RollBenchmark(options, BenchOutput.Log(console)).RunAsync(images, cancellation);
            var text = $"""
                # A rolling restart under a steady stream

                The silos of `{Path.GetRelativePath(Environment.CurrentDirectory, folder.FullName)}` ({string.Join(", ", files.Select(f => Path.GetFileNameWithoutExtension(f.Name)))}) run as
                separate processes on a Redis server of their own, each on its config's devices. A .NET client sends
                {options.Rate.ToString(CultureInfo.InvariantCulture)} single-image requests a second (open loop, deadline {options.Deadline.TotalMilliseconds:0} ms) through every
                silo's gateway: {RollBenchmarkOptions.WarmUp.TotalSeconds:0} s of warm-up, {options.Steady.TotalSeconds:0} s measured as the steady state, then all the while
                every silo is restarted in turn (`RollingRestart`, as `hetero cluster roll` does): drained through its web port, waited for
                until it has gone, started again, waited for until it is ready; the stream goes on {RollBenchmarkOptions.After.TotalSeconds:0} s past the last.
                Before and after each restart every device grain of the other silos is asked which activation answers it. Images: {images.Source}.

                {RollReport.ToMarkdown(measured)}
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(outDir, "roll.md"), text, stamp, cancellation);
            return measured.Any(r => r.Lost > 0 || r.Failed > 0 || r.Deactivated > 0) ? 1 : 0;
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
