using System.Globalization;
using HeteroOrleans.Benchmarks.Tracing;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench trace</c>: what tracing costs and how complete its traces are, on a multi-process cluster under a steady stream.</summary>
internal static class TraceBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var cluster = new ProcessClusterOptions();
        var rate = new Option<double[]>("--rate")
        {
            Description = "Requests a second; repeat for several (default 50, the issue's stream, and 300, where the silos' own work is mostly the requests')",
            DefaultValueFactory = _ => [50, 300],
            AllowMultipleArgumentsPerToken = true,
        };
        var deadline = Durations.Option("--deadline", "Each request's deadline; default 1s", allowZero: false);
        var duration = Durations.Option("--duration", "How long each measured stream lasts; default 30s", allowZero: false);
        var sample = new Option<double>("--sample-rate") { Description = "Share of the requests traced in the traced runs", DefaultValueFactory = _ => 0.1 };
        var runs = BenchOptions.Runs("Pairs of runs, untraced then traced, each on a cluster of its own", 3);
        var data = BenchOptions.Data(" whose images the requests carry");
        var output = BenchOptions.OutDir("trace.md and the processes' logs");
        var command = new Command("trace", "Tracing on a multi-process Redis cluster under a steady stream, untraced and traced runs in turn: silo processor time per request, " +
            "sampled requests with one complete trace whose parts add up to their latency, and where the requests' time went (queue, link, compute)")
        {
            rate, deadline, duration, sample, runs, data, output,
        };
        cluster.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var folder = cluster.Folder(result);
            var files = cluster.ConfigFiles(result);

            if (result.GetValue(sample) is not (> 0 and <= 1) || result.GetValue(rate)!.Any(r => r is not (> 0 and <= 10_000)) || result.GetValue(runs) < 1)
            {
                throw new ArgumentException($"--sample-rate {result.GetValue(sample)}, --rate {string.Join(' ', result.GetValue(rate)!)}, --runs {result.GetValue(runs)}: " +
                    "a share more than 0 and at most 1, more than 0 and at most 10,000 requests a second, at least one pair");
            }

            var outDir = Directory.CreateDirectory(result.GetValue(output)!).FullName;
            var options = new TraceBenchmarkOptions(
                files, cluster.SiloProgram(result), cluster.RedisServer(result), result.GetValue(rate)!, result.GetValue(deadline) ?? TimeSpan.FromSeconds(1),
                result.GetValue(duration) ?? TimeSpan.FromSeconds(30), result.GetValue(sample), result.GetValue(runs), Directory.CreateDirectory(Path.Combine(outDir, "trace-logs")).FullName);
            var images = DataSource.Load(result.GetValue(data), DataSource.DefaultImageCount);
            var bench = new TraceBenchmark(options, BenchOutput.Log(console));
            var measured = await bench.RunAsync(images, cancellation);
            var saturated = await bench.ThroughputAsync(LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null), images.Take(500), cancellation);
            var text = $"""
                # Tracing: its cost, its completeness, and where the time goes

                The silos of `{Path.GetRelativePath(Environment.CurrentDirectory, folder.FullName)}` run as separate processes on a Redis server of their own.
                A .NET client sends {string.Join(" or ", options.Rates.Select(r => r.ToString(CultureInfo.InvariantCulture)))} single-image requests a second (open loop, deadline {options.Deadline.TotalMilliseconds:0} ms):
                {TraceBenchmarkOptions.WarmUp.TotalSeconds:0} s of warm-up, then {options.Duration.TotalSeconds:0} s measured; {options.Runs} pair(s) of runs at each rate, untraced
                (`Silo:Tracing:SampleRate` 0) then traced ({options.SampleRate.ToString(CultureInfo.InvariantCulture)}), each on a fresh cluster. The cost is the silo
                processes' processor time per request (on a machine that is busy, throughput falls by as much). A trace counts as
                complete when it holds the request's wait for a batch and its fine step's compute, appears once, and its parts
                (queued, link out, compute, head, link back) add up to its latency within {TraceBenchmarkOptions.PartsTolerance:P0}. Images: {images.Source}.

                Throughput is measured apart: the silos of `silo-configs/` ({string.Join(", ", LocalCluster.DemoConfigFiles)})
                in one process on their devices running ONNX Runtime, their emulated links taken away so that this machine's
                processors are the limit, kept saturated by a closed loop of {TracedThroughput.Concurrency:N0} requests in flight
                (deadline 3 s); after 5 s of warm-up, answers are counted for {options.Duration.TotalSeconds:0} s, untraced then traced, {options.Runs} pair(s).

                {TraceReport.ToMarkdown(measured, options.SampleRate, saturated)}
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(outDir, "trace.md"), text, stamp, cancellation);
            return 0;
        });
        return command;
    }
}
