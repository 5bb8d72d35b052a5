namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench latency</c>: coarse and fine answer latency against an open-loop request rate.</summary>
internal static class LatencyBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var rates = BenchOptions.Sweep(
            "--rate", "Requests a second", LatencyBenchmark.DefaultRates, r => r is > 0 and <= BenchOptions.MostRequestsPerSecond, $"is a positive number of requests a second, at most {BenchOptions.MostRequestsPerSecond:N0}");
        rates.Description += ", stopping at the first the cluster cannot keep up with";
        var duration = Durations.Option("--duration", "How long requests go out at each rate (default 10s)", allowZero: false);
        var cluster = new ClusterBenchOptions(
            timeScale: 1,
            "Runs at each rate; each figure is their median, their least and greatest in brackets",
            "latency.md and latency.png (latency-onnx.* with --preset onnx)",
            allowsRealDevices: true);
        var command = new Command("latency", "Open-loop load: single-image requests at fixed rates; coarse and fine answer latency percentiles and throughput per rate")
        {
            rates, duration,
        };
        cluster.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var seconds = (result.GetValue(duration) ?? TimeSpan.FromSeconds(10)).TotalSeconds;
            var setup = cluster.Read(result);
            var devices = setup.Devices;
            var images = SyntheticCifar.Generate(500);
            var points = await new LatencyBenchmark(setup.Settings, setup.Scheme, setup.TimeScale, setup.Runs, BenchOutput.Log(console))
                .RunAsync(images, result.GetValue(rates)!.Order().ToList(), TimeSpan.FromSeconds(seconds), cancellation);
            var name = devices is null ? "latency-onnx" : "latency";
            var plot = setup.In($"{name}.png");
            LatencyBenchmark.SavePlot(points, plot);
            var text = $"""
                # Answer latency under open-loop load

                {setup.Scheme} scheme, {(devices is null ? "the silo configs' devices running ONNX Runtime on this machine" : $"devices emulated by preset {devices.Name} (their answers those of the real models)")}.
                At each rate, single-image requests (one task of one image each) go out on a clock for {seconds:G} s, whatever
                became of the earlier ones; an image's latency runs from when the job took its request in to its coarse answer
                (end device) and to its fine answer (edge or cloud, over their links). Emulated times divided by {setup.TimeScale:G} while
                running, measured latencies multiplied back. Answered/s: the images over the job's time less one median fine latency
                (the pipeline filling); "saturated": fewer than nine answers a second for ten requests. Each figure is the median of
                {setup.Runs} runs at the rate, their least and greatest in brackets.

                {LatencyBenchmark.ToMarkdown(points)}
                ![latency]({name}.png)
                """;
            await BenchOutput.PublishAsync(console, setup.In($"{name}.md"), text, stamp, cancellation, plot);
            return 0;
        });
        return command;
    }
}
