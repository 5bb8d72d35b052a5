using System.Diagnostics;
using HeteroOrleans.Benchmarks.Rolling;
using HeteroOrleans.Benchmarks.Serving;
using HeteroOrleans.Contracts.Models;

namespace HeteroOrleans.Benchmarks.Rollout;

/// <summary>
/// Model versions rolled out to a tier of a multi-process cluster on Redis under a steady stream of single-image
/// requests: a worse version's canary, which must roll itself back, then a better version's, which must roll itself out
/// without failing a request or moving the fine p99 far from its steady value.
/// </summary>
/// <param name="options">What to measure.</param>
/// <param name="log">Progress, a line at a time.</param>
public sealed class RolloutBenchmark(RolloutBenchmarkOptions options, Action<string> log)
{
    /// <summary>Runs every run, each on a fresh cluster.</summary>
    public async Task<IReadOnlyList<RolloutRun>> RunAsync(CifarDataset images, CancellationToken cancellation)
    {
        var runs = new List<RolloutRun>();
        for (var run = 1; run <= options.Runs; run++)
        {
            log($"Run {run} of {options.Runs}: starting {options.Configs.Count} silo processes and Redis …");
            var last = await RunOnceAsync(images, cancellation);
            runs.Add(last);
            log($"Run {run}: {options.Worse} {last.Worse.Phase} after {last.Worse.Compared.Images} images; {options.Better} {last.Better.Phase} after {last.Better.Compared.Images}, " +
                $"{last.Failed} of {last.DuringBetter.Count} requests failed meanwhile, fine p99 {last.SteadyFineP99:0} ms steady, {last.BetterFineP99:0} ms");
        }

        return runs;
    }

    private async Task<RolloutRun> RunOnceAsync(CifarDataset images, CancellationToken cancellation)
    {
        await using var cluster = await ProcessCluster.StartAsync(options.SiloProgram, options.RedisServer, options.Configs, options.LogDirectory, options.ReadyWithin, cancellation);
        await using var transport = ClientTransport.Over(await cluster.ConnectClientAsync(cancellation), images);
        await OpenLoopLoad.RunAsync(transport, options.Rate, RolloutBenchmarkOptions.WarmUp, options.Deadline, 0, cancellation);
        var steady = await OpenLoopLoad.RunAsync(transport, options.Rate, options.Steady, options.Deadline, 0, cancellation);

        using var stop = new CancellationTokenSource();
        transport.FineParts.Clear();
        var clock = Stopwatch.StartNew();
        var stream = OpenLoopLoad.RunUntilAsync(transport, options.Rate, options.Deadline, stop.Token, cancellation);
        RolloutState worse, better;
        double worseSeconds, betterSeconds, betterFrom;
        Dictionary<string, int> after;
        try
        {
            (worse, worseSeconds) = await CanaryAsync(transport.Grains, options.Worse, clock, cancellation);
            betterFrom = clock.Elapsed.TotalMilliseconds;
            (better, betterSeconds) = await CanaryAsync(transport.Grains, options.Better, clock, cancellation);
            var decided = new Dictionary<string, int>(transport.FineModels);
            await Task.Delay(RolloutBenchmarkOptions.After, cancellation);
            after = transport.FineModels.ToDictionary(m => m.Key, m => m.Value - decided.GetValueOrDefault(m.Key));
        }
        finally
        {
            await stop.CancelAsync();
        }

        var samples = await stream;
        return new RolloutRun(steady, worse, better, [.. samples.Where(s => s.EndedAtMs >= betterFrom)], worseSeconds, betterSeconds, after, [.. transport.FineParts]);
    }

    private async Task<(RolloutState State, double Seconds)> CanaryAsync(IGrainFactory grains, string candidate, Stopwatch clock, CancellationToken cancellation)
    {
        var started = clock.Elapsed;
        var spec = new RolloutSpec(candidate, options.Tier, options.CanaryShare, options.CanaryImages);
        var state = await ModelRollout.StartAsync(grains, spec);
        log($"  {clock.Elapsed.TotalSeconds,6:0.0} s  canary of {candidate} on {state.Devices} device(s)");
        using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        within.CancelAfter(RolloutBenchmarkOptions.VerdictWithin);
        state = await ModelRollout.FollowAsync(grains, options.Tier, spec.ModelId, _ => { }, within.Token);
        log($"  {clock.Elapsed.TotalSeconds,6:0.0} s  {candidate} {state.Phase}: {state.Reason}");
        return (state, (clock.Elapsed - started).TotalSeconds);
    }
}
