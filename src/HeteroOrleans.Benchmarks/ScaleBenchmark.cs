using System.Diagnostics;
using System.Globalization;
using ScottPlot;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// One Adaptive job over clusters of growing size, up to 10,000 end devices, 1,000 edges and 10 clouds, all emulated in
/// this process: how far the makespan stays from the fluid bound, what the scheduler costs per task, how much memory
/// the silos take and how long they take to start.
/// </summary>
public sealed class ScaleBenchmark(IReadOnlyList<SiloSettings> demo, ScaleBenchmarkOptions options, Action<string> log)
{
    private static readonly TimeSpan DevicesWait = TimeSpan.FromMinutes(5);

    /// <summary>Runs every point, smallest first, each on a cluster of its own.</summary>
    public async Task<IReadOnlyList<ScalePoint>> RunAsync(CifarDataset data, CancellationToken cancellation)
    {
        var points = new List<ScalePoint>();
        foreach (var end in options.EndDevices)
        {
            cancellation.ThrowIfCancellationRequested();
            points.Add(await RunPointAsync(end, data, cancellation));
        }

        return points;
    }

    /// <summary>The silos of the demo, each with its tier's first device repeated to the point's count.</summary>
    public IReadOnlyList<SiloSettings> Layout(int endDevices) => demo.Select(silo =>
    {
        var template = silo.Devices[0];
        var count = template.Tier switch
        {
            Tier.End => endDevices,
            Tier.Edge => ScaleBenchmarkOptions.Edges(endDevices),
            _ => ScaleBenchmarkOptions.Clouds(endDevices),
        };
        var prefix = template.Tier.ToString().ToLowerInvariant();
        return silo with { Devices = [.. Enumerable.Range(1, count).Select(i => template with { Id = $"{prefix}-{i:D5}" })] };
    }).ToList();

    /// <summary>The fluid bound of the point's job, in the preset's seconds.</summary>
    public double Bound(int endDevices, int images)
    {
        var tiers = options.Preset.Tiers;
        var end = Enumerable.Repeat(tiers[Tier.End].MsPerImage, endDevices).ToList();
        var upper = Enumerable.Repeat((tiers[Tier.Edge].MsPerImage, tiers[Tier.Edge].RoundTripLatencyMs), ScaleBenchmarkOptions.Edges(endDevices))
            .Concat(Enumerable.Repeat((tiers[Tier.Cloud].MsPerImage, tiers[Tier.Cloud].RoundTripLatencyMs), ScaleBenchmarkOptions.Clouds(endDevices)))
            .ToList();
        return FluidBound.Makespan(images, end, upper);
    }

    /// <summary>Images of the point's job: a fixed number per fine device, in whole tasks.</summary>
    public int Images(int endDevices)
    {
        var fine = ScaleBenchmarkOptions.Edges(endDevices) + ScaleBenchmarkOptions.Clouds(endDevices);
        return fine * options.ImagesPerFineDevice / options.BatchSize * options.BatchSize;
    }

    private async Task<ScalePoint> RunPointAsync(int endDevices, CifarDataset data, CancellationToken cancellation)
    {
        var settings = Layout(endDevices);
        var images = Images(endDevices);
        var job = data.Repeat(images);
        var devices = settings.Sum(s => s.Devices.Count);
        log($"{devices:N0} devices ({endDevices:N0} end): starting the silos …");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        await using var session = await BenchSession.StartAsync(settings, log, cancellation, DevicesWait);
        var startup = clock.Elapsed;

        log($"{devices:N0} devices: listed after {startup.TotalSeconds:F1} s; activating every device …");
        clock.Restart();
        await ActivateAsync(session.Cluster.Grains, settings);
        var activation = clock.Elapsed;

        // Unmeasured: fills the prediction caches with the real models' answers for the images the job repeats.
        var spec = Spec(settings);
        await session.WarmAsync(data.Take(images), [spec], cancellation);

        var (makespans, scheduling, cpuPerTask) = (new List<double>(), new List<double>(), new List<double>());
        var tasks = 0;
        for (var run = 0; run < options.Runs; run++)
        {
            log($"{devices:N0} devices: job {run + 1} of {options.Runs}, {images:N0} images …");
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var report = await session.RunCompletedAsync(job, spec, $"{devices:N0} devices", cancellation);
            tasks = report.Spec.TaskCount;
            cpuPerTask.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / tasks);
            makespans.Add(report.MakespanMs / 1000 * options.TimeScale);
            scheduling.Add(report.SchedulingMs / tasks);
        }

        var point = new ScalePoint(
            endDevices, ScaleBenchmarkOptions.Edges(endDevices), ScaleBenchmarkOptions.Clouds(endDevices), images, tasks,
            startup.TotalSeconds, activation.TotalSeconds, Sample.Of(makespans), Bound(endDevices, images),
            Sample.Of(scheduling), Sample.Of(cpuPerTask), PeakMemory.Read());
        log($"{devices:N0} devices: makespan {point.Makespan.ToString("F1")} s, bound {point.BoundSeconds:F1} s ({point.RatioToBound.ToString("F2")}×), " +
            $"scheduler {point.SchedulingMsPerTask.Select(ms => 1000 * ms).ToString("F0")} µs/task, peak RSS {point.PeakRssBytes / 1e9:F2} GB");
        return point;
    }

    // A device's first call activates it; every device at once, as a job's start does.
    private static async Task ActivateAsync(IGrainFactory grains, IReadOnlyList<SiloSettings> settings) =>
        await Task.WhenAll(settings.SelectMany(s => s.Devices).Select(d => grains.GetDevice(d.Tier, d.Id).PingAsync()));

    // Tasks in flight: enough to fill every fine device's window, with a quarter more for the coarse stage, and no more:
    // the rest wait in the client, so that the job does not hold a hundred thousand tasks' pixels at once.
    private JobSpec Spec(IReadOnlyList<SiloSettings> settings)
    {
        var profiles = settings.SelectMany(s => s.Devices).ToList();
        string[] Ids(Tier tier) => profiles.Where(p => p.Tier == tier).Select(p => p.Id).ToArray();
        var planner = AdaptivePlanner.Create(profiles, new DeviceSet(Ids(Tier.End), Ids(Tier.Edge), Ids(Tier.Cloud)), options.BatchSize);
        var fineWindows = planner.FineDevices.Sum(planner.Window);
        // The first convolution's cut, so that each tier does the work the bound assumes.
        return new JobSpec(SchedulingScheme.Adaptive, options.BatchSize, MaxTasksInFlight: fineWindows + (fineWindows + 3) / 4, Split: JobSpec.ManifestSplit);
    }

    /// <summary>The points as a Markdown table.</summary>
    public static string ToMarkdown(IReadOnlyList<ScalePoint> points)
    {
        var table = new MarkdownTable(
            "devices (end / edge / cloud)", "images", "tasks", "start-up (s)", "activation (s)", "makespan (s)", "fluid bound (s)",
            "makespan / bound", "scheduler per task (µs)", "process CPU per task (ms)", "peak RSS, all silos (GB)");
        foreach (var p in points)
        {
            table.Add($"{p.Devices:N0} ({p.EndDevices:N0} / {p.Edges:N0} / {p.Clouds:N0})", N(p.Images), N(p.Tasks), F(p.StartupSeconds, "F1"),
                F(p.ActivationSeconds, "F1"), p.Makespan.ToString("F1"), F(p.BoundSeconds, "F1"), p.RatioToBound.ToString("F2"),
                p.SchedulingMsPerTask.Select(ms => 1000 * ms).ToString("F0"), p.ProcessCpuMsPerTask.ToString("F2"), F(p.PeakRssBytes / 1e9, "F2"));
        }

        return table + (points.Any(p => p.Makespan.Varies) ? Environment.NewLine + Sample.Legend + Environment.NewLine : string.Empty);
    }

    /// <summary>The points as a PNG: makespan / bound and peak memory against the number of devices (log scale).</summary>
    public static void SavePlot(IReadOnlyList<ScalePoint> points, string path)
    {
        var chart = new LineChart("One Adaptive job as the cluster grows", "devices", "ratio, or GB");
        chart.Measured("makespan / fluid bound", 0, points.Select(p => (Math.Log10(p.Devices), p.RatioToBound.Median)));
        chart.Measured("peak RSS of all silos (GB)", 1, points.Select(p => (Math.Log10(p.Devices), p.PeakRssBytes / 1e9)));
        chart.Measured("start-up + activation (s / 10)", 2, points.Select(p => (Math.Log10(p.Devices), (p.StartupSeconds + p.ActivationSeconds) / 10)));
        chart.Bound("target: 1.20 × bound", points.Select(p => (Math.Log10(p.Devices), 1.2)));
        chart.CountsOnLogX(points.Select(p => p.Devices));
        chart.Save(path, Alignment.UpperLeft);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
