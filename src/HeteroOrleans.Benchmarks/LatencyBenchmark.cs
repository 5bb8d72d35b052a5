using System.Globalization;
using ScottPlot;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// Open-loop load, like perf_analyzer's: single-image requests sent at a fixed rate, each as its own task of one image,
/// without waiting for answers, for a given time; per rate, the percentiles of each image's wait for its coarse and its
/// fine answer (counted from when the job took its request in) and the rate the cluster kept up with. The sweep stops
/// at the first rate the cluster falls behind.
/// </summary>
public sealed class LatencyBenchmark(IReadOnlyList<SiloSettings> settings, SchedulingScheme scheme, double timeScale, int runs, Action<string> log)
{
    /// <summary>The rates swept by default, requests a second.</summary>
    public static IReadOnlyList<double> DefaultRates { get; } = [5, 10, 20, 50, 100, 200, 400];

    /// <summary>Runs one job per rate, each <paramref name="duration"/> long.</summary>
    public async Task<IReadOnlyList<LatencyPoint>> RunAsync(CifarDataset images, IReadOnlyList<double> rates, TimeSpan duration, CancellationToken cancellation)
    {
        await using var session = await BenchSession.StartAsync(settings, log, cancellation);
        await session.WarmAsync(images, [new JobSpec(scheme, BatchSize: 1)], cancellation);
        var points = new List<LatencyPoint>();
        foreach (var rate in rates)
        {
            var measured = new List<LatencyRun>();
            for (var run = 0; run < runs; run++)
            {
                var one = await MeasureAsync(session, images, rate, duration, cancellation);
                log($"{rate:G} requests/s: {one.AchievedPerSecond:F1} answered/s; coarse p50 {one.Coarse.P50Ms:F0} ms, p99 {one.Coarse.P99Ms:F0} ms; " +
                    $"fine p50 {one.Fine.P50Ms:F0} ms, p99 {one.Fine.P99Ms:F0} ms");
                measured.Add(one);
            }

            var point = new LatencyPoint(rate, measured);
            points.Add(point);
            if (point.Saturated)
            {
                break;
            }
        }

        return points;
    }

    // The requests of one rate, sent on a clock: request i leaves at i / rate, whatever became of the ones before.
    private async Task<LatencyRun> MeasureAsync(BenchSession session, CifarDataset images, double rate, TimeSpan duration, CancellationToken cancellation)
    {
        // Emulated times run timeScale times faster, so the requests do too: the measured waits are multiplied back.
        var count = Math.Max(1, (int)(rate * duration.TotalSeconds));
        var data = images.Repeat(count);
        var spec = new JobSpec(scheme, BatchSize: 1, MaxTasksInFlight: count).Covering(data);
        var job = session.Cluster.Grains.GetGrain<IJobGrain>(JobRunner.NewJobId());
        await job.StartAsync(spec);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sent = new List<Task<bool>>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / (rate * timeScale));
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellation);
            }

            sent.Add(job.SubmitAsync(data.CreateTask(i, 1)));
        }

        if ((await Task.WhenAll(sent)).Any(taken => !taken))
        {
            throw new InvalidOperationException($"{rate:G} requests/s: the job refused requests although it had room for all of them.");
        }

        var report = await Poll(job, cancellation);
        if (report.State != JobState.Completed || report.CoarseLatency is not { } coarse || report.FineLatency is not { } fine)
        {
            throw new InvalidOperationException($"{rate:G} requests/s: the job ended {report.State} ({report.EndReason}).");
        }

        // The job's time less one median pass through the pipeline: the rate answers came out at once it was full.
        var steadySeconds = Math.Max(report.MakespanMs - fine.P50Ms, report.MakespanMs / 2) / 1000 * timeScale;
        return new LatencyRun(report.ImagesRecorded / steadySeconds, Scaled(coarse), Scaled(fine));
    }

    private static async Task<JobReport> Poll(IJobGrain job, CancellationToken cancellation)
    {
        while ((await job.GetProgressAsync()).State == JobState.Running)
        {
            await Task.Delay(100, cancellation);
        }

        return await job.GetReportAsync();
    }

    private LatencySummary Scaled(LatencySummary wait) =>
        wait with { P50Ms = wait.P50Ms * timeScale, P95Ms = wait.P95Ms * timeScale, P99Ms = wait.P99Ms * timeScale, MaxMs = wait.MaxMs * timeScale };

    /// <summary>The sweep as a Markdown table: each figure the median of the runs, their least and greatest in brackets.</summary>
    public static string ToMarkdown(IReadOnlyList<LatencyPoint> points)
    {
        var table = new MarkdownTable("requests/s", "answered/s", "coarse p50 (ms)", "coarse p95", "coarse p99", "fine p50 (ms)", "fine p95", "fine p99", "coarse p99 < fine p50");
        foreach (var p in points)
        {
            table.Add(F(p.OfferedPerSecond, "G"), p.Achieved.ToString("F1") + (p.Saturated ? " (saturated)" : ""),
                p.Coarse(l => l.P50Ms).ToString("F0"), p.Coarse(l => l.P95Ms).ToString("F0"), p.Coarse(l => l.P99Ms).ToString("F0"),
                p.Fine(l => l.P50Ms).ToString("F0"), p.Fine(l => l.P95Ms).ToString("F0"), p.Fine(l => l.P99Ms).ToString("F0"),
                p.CoarseFirst ? "yes" : "no");
        }

        var varies = points.Any(p => p.Achieved.Varies || p.Fine(l => l.P50Ms).Varies);
        return table + (varies ? Environment.NewLine + Sample.Legend + Environment.NewLine : string.Empty);
    }

    /// <summary>Latency against the offered rate, like perf_analyzer's curves (the runs' medians).</summary>
    public static void SavePlot(IReadOnlyList<LatencyPoint> points, string path)
    {
        var chart = new LineChart("Answer latency under open-loop load", "requests per second", "latency (ms)");
        chart.Measured("coarse p50", 0, points.Select(p => (p.OfferedPerSecond, p.Coarse(l => l.P50Ms).Median)));
        chart.Measured("coarse p99", 1, points.Select(p => (p.OfferedPerSecond, p.Coarse(l => l.P99Ms).Median)));
        chart.Measured("fine p50", 2, points.Select(p => (p.OfferedPerSecond, p.Fine(l => l.P50Ms).Median)));
        chart.Measured("fine p99", 3, points.Select(p => (p.OfferedPerSecond, p.Fine(l => l.P99Ms).Median)));
        chart.Save(path, Alignment.UpperLeft);
    }

    private static string F(double value, string format = "F0") => value.ToString(format, CultureInfo.InvariantCulture);
}
