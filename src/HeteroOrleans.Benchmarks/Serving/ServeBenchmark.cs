using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>
/// Serving under open-loop load, as perf_analyzer measures Triton: single-image requests with a deadline, a share of
/// them high priority, at rising rates over the .NET client and over HTTP until the service no longer keeps up; then an
/// overload step at 1.5× the saturation rate with its own (shorter) deadline, where requests must be answered by the
/// deadline or refused, never lost or late.
/// </summary>
public sealed class ServeBenchmark(IReadOnlyList<SiloSettings> settings, ServeBenchmarkOptions options, Action<string> log)
{
    /// <summary>Starts the cluster, sweeps each transport, and runs the overload step.</summary>
    public async Task<ServeResult> RunAsync(CifarDataset images, CancellationToken cancellation)
    {
        await using var session = await BenchSession.StartAsync(settings, log, cancellation);
        var service = session.Cluster.Grains.GetInferenceService();
        await using var client = await ClientTransport.ConnectAsync(session.Cluster, images, cancellation);
        var transports = new List<IServeTransport> { client };
        if (options.OverHttp)
        {
            transports.Add(new HttpTransport(EndSiloUrl(session.Cluster), images));
        }

        try
        {
            log("warming the service (models, caches, connections) …");
            foreach (var transport in transports)
            {
                await OpenLoopLoad.RunAsync(transport, 50, TimeSpan.FromSeconds(2), options.Deadline, options.HighShare, cancellation);
            }

            var sweeps = new Dictionary<string, IReadOnlyList<ServePoint>>();
            foreach (var transport in transports)
            {
                sweeps[transport.Name] = await SweepAsync(transport, service, cancellation);
            }

            var unloaded = sweeps[client.Name].FirstOrDefault()?.Runs.Select(r => r.HighFineP99Ms).OfType<double>().ToList();
            var job = options.JobImages > 0 ? await RunJobsAsync(session, images, cancellation) : null;
            var result = new ServeResult(sweeps, null, unloaded is { Count: > 0 } ? Sample.Of(unloaded).Median : null, options.JobImages, job);
            var saturation = result.Saturation(client.Name);
            if (saturation <= 0 || options.OverloadDuration <= TimeSpan.Zero)
            {
                return result;
            }

            var rate = Math.Round(saturation * ServeBenchmarkOptions.OverloadFactor);
            log($"overload: {rate:F0} requests/s ({ServeBenchmarkOptions.OverloadFactor:G}× saturation) for {options.OverloadDuration.TotalSeconds:G} s, deadline {options.OverloadDeadline.TotalMilliseconds:G} ms …");
            var overload = await MeasureAsync(client, service, rate, options.OverloadDuration, options.OverloadDeadline, cancellation);
            return result with { Overload = overload };
        }
        finally
        {
            foreach (var transport in transports.Skip(1))
            {
                await transport.DisposeAsync();
            }
        }
    }

    // The same devices given work in batches, as a job gives it: Adaptive over tasks of 50 with every link at 0, so that
    // what is left is the devices' and the system's own time.
    private async Task<Sample> RunJobsAsync(BenchSession session, CifarDataset images, CancellationToken cancellation)
    {
        var data = images.Repeat(options.JobImages);
        var spec = new JobSpec(SchedulingScheme.Adaptive, Latency: new LatencyOverrides(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero));
        var makespans = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            var report = await session.RunCompletedAsync(data, spec, $"job of {options.JobImages:N0} images", cancellation);
            log($"job of {options.JobImages:N0} images in tasks of 50, links at 0: {report.MakespanMs / 1000:F2} s");
            makespans.Add(report.MakespanMs);
        }

        return Sample.Of(makespans);
    }

    private async Task<IReadOnlyList<ServePoint>> SweepAsync(IServeTransport transport, IInferenceServiceGrain service, CancellationToken cancellation)
    {
        var points = new List<ServePoint>();
        foreach (var rate in options.Rates)
        {
            var runs = new List<ServeRun>();
            for (var run = 0; run < options.Runs; run++)
            {
                runs.Add(await MeasureAsync(transport, service, rate, options.Duration, options.Deadline, cancellation));
            }

            var point = new ServePoint(runs);
            var best = points.Count == 0 ? 0 : points.Max(p => p.Of(r => r.InTimePerSecond).Median);
            points.Add(point);

            // Past the first rate it cannot keep up with, the service may still answer more by the deadline at a higher
            // one, refusing the rest: the sweep goes on while that figure still rises, so that the saturation found
            // is the service's, not the gap between two rates of the sweep.
            if (!point.KeptUp && point.Of(r => r.InTimePerSecond).Median < best * ServeBenchmarkOptions.StillRising)
            {
                break;
            }
        }

        return points;
    }

    private async Task<ServeRun> MeasureAsync(
        IServeTransport transport, IInferenceServiceGrain service, double rate, TimeSpan duration, TimeSpan deadline, CancellationToken cancellation)
    {
        var before = await service.GetCountsAsync();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var watched = WatchAsync(service, watching.Token);
        var samples = await OpenLoopLoad.RunAsync(transport, rate, duration, deadline, options.HighShare, cancellation);
        await watching.CancelAsync();
        var (maxLag, minLimit) = await watched;
        var after = await service.GetCountsAsync();
        var batches = after.Batches - before.Batches;
        var run = ServeRun.Of(samples, rate, deadline, batches == 0 ? 0 : (double)(after.BatchedImages - before.BatchedImages) / batches);
        log($"{transport.Name}, {rate:G} requests/s: {run.AnsweredPerSecond:F0} answered/s ({run.FineShare:P1} fine in time, {run.CoarseShare:P1} coarse at the " +
            $"deadline, {run.RefusedShare:P1} refused, {run.ExpiredShare:P1} expired, {run.Lost} lost); fine p50 {run.Fine?.P50Ms:F0} ms, p99 {run.Fine?.P99Ms:F0} ms; coarse p50 {run.Coarse?.P50Ms:F0} ms, p99 {run.Coarse?.P99Ms:F0} ms; " +
            $"{run.ByDeadlineShare:P2} by the deadline; mean batch {run.MeanBatch:F1}; admission limit down to {minLimit}, service lag up to {maxLag:F1} ms");
        return run;
    }

    // The service's admission limit and lag, read twice a second while a load runs: the least limit and the most lag.
    private static async Task<(double MaxLagMs, int MinLimit)> WatchAsync(IInferenceServiceGrain service, CancellationToken stop)
    {
        var (lag, limit) = (0.0, int.MaxValue);
        while (!stop.IsCancellationRequested)
        {
            var counts = await service.GetCountsAsync();
            (lag, limit) = (Math.Max(lag, counts.LagMs), Math.Min(limit, counts.Limit));
            await Task.Delay(500, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return (lag, limit);
    }

    // The web address of the first silo whose devices are trusted (an end silo): raw pictures may go only there.
    private static string EndSiloUrl(LocalCluster cluster)
    {
        var end = cluster.Settings.First(s => s.Devices.Any(d => d.Trusted)).Name;
        var url = cluster.Dashboards.First(d => d.Silo == end).Url;
        return url.EndsWith('/') ? url : url + "/";
    }
}
