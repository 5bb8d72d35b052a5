using HeteroOrleans.Benchmarks.Serving;
using HeteroOrleans.Hosting.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace HeteroOrleans.Benchmarks.Rolling;

/// <summary>
/// A rolling restart of every silo of a multi-process cluster on Redis while a steady stream of single-image requests
/// runs: what was lost or failed, the fine p99 against its steady value, how long each stop took against its bound, and
/// whether any device grain on a silo that was not being restarted was deactivated.
/// </summary>
/// <param name="options">What to measure.</param>
/// <param name="log">Progress, a line at a time.</param>
public sealed class RollBenchmark(RollBenchmarkOptions options, Action<string> log)
{
    /// <summary>Runs every roll, each on a fresh cluster.</summary>
    public async Task<IReadOnlyList<RollRun>> RunAsync(CifarDataset images, CancellationToken cancellation)
    {
        var runs = new List<RollRun>();
        for (var run = 1; run <= options.Runs; run++)
        {
            log($"Run {run} of {options.Runs}: starting {options.Configs.Count} silo processes and Redis …");
            runs.Add(await RunOnceAsync(images, cancellation));
            var last = runs[^1];
            log($"Run {run}: {last.Rolling.Count} requests during the roll, {last.Lost} lost, {last.Failed} failed; fine p99 {last.SteadyFineP99:0} ms steady, " +
                $"{last.RollingFineP99:0} ms rolling; {last.Deactivated} of {last.Checked} device grains deactivated elsewhere{(last.Troubles.Length > 0 ? $" ({last.Troubles})" : string.Empty)}");
        }

        return runs;
    }

    private async Task<RollRun> RunOnceAsync(CifarDataset images, CancellationToken cancellation)
    {
        await using var cluster = await ProcessCluster.StartAsync(options.SiloProgram, options.RedisServer, options.Configs, options.LogDirectory, options.ReadyWithin, cancellation);
        await using var transport = ClientTransport.Over(await cluster.ConnectClientAsync(cancellation), images);
        var grains = transport.Grains;
        var devices = cluster.Settings.ToDictionary(s => s.Name, s => (IReadOnlyList<DeviceProfile>)[.. s.Devices], StringComparer.Ordinal);

        await OpenLoopLoad.RunAsync(transport, options.Rate, RollBenchmarkOptions.WarmUp, options.Deadline, 0, cancellation);
        var steady = await OpenLoopLoad.RunAsync(transport, options.Rate, options.Steady, options.Deadline, 0, cancellation);

        using var stop = new CancellationTokenSource();
        transport.FineParts.Clear();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stream = OpenLoopLoad.RunUntilAsync(transport, options.Rate, options.Deadline, stop.Token, cancellation);
        var watch = new ActivationWatch(grains, devices);
        var silos = options.Configs.Select(c => (Config: c, Silo: SiloWeb.FromConfig(c))).ToList();
        IReadOnlyList<RestartStep> steps;
        try
        {
            var roll = new RollingRestart(
                (silo, config, _) =>
                {
                    cluster.StartSilo(silo.Name, config);
                    return Task.CompletedTask;
                },
                options.ReadyWithin, line => log($"  {clock.Elapsed.TotalSeconds,6:0.0} s  {line}"));
            steps = await roll.RunAsync(silos, cancellation, silo => watch.BeforeAsync(silo.Name), silo => watch.AfterAsync(silo.Name));
            await Task.Delay(RollBenchmarkOptions.After, cancellation);
        }
        finally
        {
            await stop.CancelAsync();
            silos.ForEach(s => s.Silo.Dispose());
        }

        var rolling = await stream;
        await File.WriteAllLinesAsync(
            Path.Combine(options.LogDirectory, $"requests-{cluster.ClusterId}.csv"),
            rolling.Select(r => FormattableString.Invariant($"{r.EndedAtMs:0},{r.LatencyMs:0.0},{r.Outcome},{r.Error}")).Prepend("endedAtMs,latencyMs,outcome,error"),
            cancellation);
        return new RollRun(steady, rolling, steps, watch.Deactivated, watch.Checked, [.. transport.FineParts]);
    }
}
