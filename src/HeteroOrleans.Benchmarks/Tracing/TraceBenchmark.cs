using System.Diagnostics;
using HeteroOrleans.Benchmarks.Rolling;
using HeteroOrleans.Benchmarks.Serving;
using HeteroOrleans.Contracts;

namespace HeteroOrleans.Benchmarks.Tracing;

/// <summary>
/// Tracing on a multi-process cluster on Redis under a steady stream: untraced and traced runs taken in turn, each on a
/// fresh cluster; what tracing costs the silos in processor time per request, how many sampled requests give one
/// complete trace whose parts account for their latency, and where the requests' time went.
/// </summary>
/// <param name="options">What to measure.</param>
/// <param name="log">Progress, a line at a time.</param>
public sealed class TraceBenchmark(TraceBenchmarkOptions options, Action<string> log)
{
    /// <summary>Runs every pair, untraced first.</summary>
    public async Task<IReadOnlyList<TraceRun>> RunAsync(CifarDataset images, CancellationToken cancellation)
    {
        var runs = new List<TraceRun>();
        foreach (var (pair, requests) in Enumerable.Range(1, options.Runs).SelectMany(p => options.Rates.Select(r => (p, r))))
        {
            foreach (var rate in (double[])[0, options.SampleRate])
            {
                log($"Pair {pair} of {options.Runs} at {requests} requests/s, sampling {rate:P0}: starting {options.Configs.Count} silo processes and Redis …");
                var run = await RunOnceAsync(requests, rate, images, cancellation);
                runs.Add(run);
                log($"  {run.Samples.Count} requests, {run.Unanswered} unanswered, fine p99 {run.FineP99:0} ms, silo CPU {run.CpuMsPerRequest:0.00} ms a request, " +
                    $"{run.Traces.Count} traces ({100 * run.TracedShare:0.0} %), {(double.IsNaN(run.CompleteShare) ? "-" : $"{100 * run.CompleteShare:0.0} %")} complete");
            }
        }

        return runs;
    }

    /// <summary>
    /// Pairs of saturated runs in one process on <paramref name="settings"/>' devices, untraced then traced: answers a
    /// second of each.
    /// </summary>
    public async Task<IReadOnlyList<(SaturatedRun Untraced, SaturatedRun Traced)>> ThroughputAsync(
        IReadOnlyList<HeteroOrleans.Hosting.Configuration.SiloSettings> settings, CifarDataset images, CancellationToken cancellation)
    {
        var pairs = new List<(SaturatedRun, SaturatedRun)>();
        for (var pair = 1; pair <= options.Runs; pair++)
        {
            var untraced = await TracedThroughput.MeasureAsync(settings, 0, images, options.Duration, log, cancellation);
            var traced = await TracedThroughput.MeasureAsync(settings, options.SampleRate, images, options.Duration, log, cancellation);
            log($"Saturated pair {pair} of {options.Runs}: {untraced.AnswersPerSecond:0} answers/s untraced, {traced.AnswersPerSecond:0} traced " +
                $"({100 * (traced.AnswersPerSecond / untraced.AnswersPerSecond - 1):+0.0;-0.0} %), processors {untraced.ProcessorShare:P0} and {traced.ProcessorShare:P0} busy");
            pairs.Add((untraced, traced));
        }

        return pairs;
    }

    private async Task<TraceRun> RunOnceAsync(double requests, double sampleRate, CifarDataset images, CancellationToken cancellation)
    {
        await using var cluster = await ProcessCluster.StartAsync(
            options.SiloProgram, options.RedisServer, options.Configs, options.LogDirectory, TimeSpan.FromMinutes(3), cancellation,
            [FormattableString.Invariant($"--Silo:Tracing:SampleRate={sampleRate}")]);
        await using var transport = ClientTransport.Over(await cluster.ConnectClientAsync(cancellation), images);
        await OpenLoopLoad.RunAsync(transport, requests, TraceBenchmarkOptions.WarmUp, options.Deadline, 0, cancellation);
        transport.FineParts.Clear();
        var from = DateTime.UtcNow;
        var cpu = cluster.SiloProcessorTime();
        var samples = await OpenLoopLoad.RunAsync(transport, requests, options.Duration, options.Deadline, 0, cancellation);
        var used = cluster.SiloProcessorTime() - cpu;
        var traces = await transport.Grains.GetInferenceService().GetTracesAsync(0, TimeSpan.Zero);
        return new TraceRun(requests, sampleRate, samples, used.TotalMilliseconds, [.. traces.Where(t => t.StartedUtc >= from)], [.. transport.FineParts]);
    }
}
