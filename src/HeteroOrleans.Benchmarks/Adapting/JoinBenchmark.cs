namespace HeteroOrleans.Benchmarks.Adapting;

/// <summary>
/// Devices that join a running job: an Adaptive job on the end devices, two edges and the cloud, whose fine stage is
/// the bottleneck; a silo with two more edges starts once a third of its tasks have settled. Each run starts its own
/// cluster and runs the job without the late edges, with them joining, then with them from the start (their silo
/// still up), and weighs each against its fluid bound: the joining job's is that of the first devices until the late
/// silo was up, and of all of them after.
/// </summary>
public sealed class JoinBenchmark(IReadOnlyList<SiloSettings> settings, SiloSettings late, DevicePreset preset, int runs, Action<string> log)
{
    /// <summary>The job on the first devices only.</summary>
    public const string WithoutVariant = "without the late edges";

    /// <summary>The late edges' silo starts a third of the way in.</summary>
    public const string JoinVariant = "late edges join a third in";

    /// <summary>The late edges up before the job starts.</summary>
    public const string FromStartVariant = "late edges there from the start";

    /// <summary>Edges of the edge silo the cluster starts with.</summary>
    public const int FirstEdges = 2;

    /// <summary>Edges on the silo that joins.</summary>
    public const int LateEdges = 2;

    // The late silo's ports: the edge silo's, moved past every port the demo configs use.
    private const int PortOffset = 100;

    private static readonly JobSpec Spec = new(SchedulingScheme.Adaptive);

    /// <summary>
    /// The demo configs of <paramref name="configDirectory"/> emulated by <paramref name="preset"/>, the edge silo cut to
    /// <see cref="FirstEdges"/> edges; and the late silo: the edge silo's config on its own ports with <see cref="LateEdges"/> edges of new ids.
    /// </summary>
    public static (IReadOnlyList<SiloSettings> Settings, SiloSettings Late) Settings(string configDirectory, DevicePreset preset)
    {
        var first = LocalCluster.LoadSettings(configDirectory, null, preset)
            .Select(s => s with { Devices = [.. s.Devices.Where(d => d.Tier != Tier.Edge), .. s.Devices.Where(d => d.Tier == Tier.Edge).Take(FirstEdges)] }).ToList();
        var edge = first.First(s => s.Tiers.Contains(Tier.Edge));
        var loaded = SiloConfigLoader.LoadFile(Path.Combine(configDirectory, "edge.json"),
        [
            "--Silo:Name=edge-late", $"--Silo:SiloPort={edge.Options.SiloPort + PortOffset}", $"--Silo:GatewayPort={edge.Options.GatewayPort + PortOffset}",
            $"--Silo:Dashboard:Port={edge.Options.Dashboard.Port + PortOffset}",
        ]);
        var template = edge.Devices[0];
        var late = preset.ApplyTo(loaded with
        {
            Devices = [.. Enumerable.Range(0, LateEdges).Select(i => template with { Id = $"edge-late-{i + 1:00}" })],
            ModelsDirectory = edge.ModelsDirectory,
        });
        return (first, late);
    }

    /// <summary>Every variant, once per run, each run on a cluster of its own.</summary>
    public async Task<IReadOnlyList<JoinRun>> RunAsync(CifarDataset data, CancellationToken cancellation)
    {
        var measured = new List<JoinRun>();
        for (var run = 1; run <= runs; run++)
        {
            await using var session = await BenchSession.StartAsync(settings, log, cancellation);
            await session.WarmAsync(data.Take(Math.Min(data.Count, 500)), [Spec], cancellation);
            measured.Add(await WithoutAsync(session, data, cancellation));
            measured.Add(await JoiningAsync(session, data, cancellation));
            measured.Add(await FromStartAsync(session, data, cancellation));
            log($"Run {run} of {runs}: " + string.Join(", ", measured.TakeLast(3).Select(r => $"{r.Variant} {r.MakespanS:F1} s (bound {r.BoundS:F1} s)")));
        }

        return measured;
    }

    private async Task<JoinRun> WithoutAsync(BenchSession session, CifarDataset data, CancellationToken cancellation)
    {
        var report = await session.RunCompletedAsync(data, Spec, WithoutVariant, cancellation);
        return Measured(WithoutVariant, report, JoinBounds.Of(preset, settings, data.Count), null, null);
    }

    // The late silo starts, off the client's progress callback, once a third of the tasks have settled.
    private async Task<JoinRun> JoiningAsync(BenchSession session, CifarDataset data, CancellationToken cancellation)
    {
        var tasks = data.TaskCount(Spec.BatchSize);
        Task<DateTimeOffset>? joining = null;
        var started = DateTimeOffset.UtcNow;
        var report = await session.RunCompletedAsync(data, Spec, JoinVariant, cancellation, done =>
        {
            if (joining is null && 3 * done >= tasks)
            {
                joining = Task.Run(async () =>
                {
                    await session.Cluster.AddAsync(late, cancellation);
                    return DateTimeOffset.UtcNow;
                }, cancellation);
            }
        });
        var up = await (joining ?? throw new InvalidOperationException("The joining job ended before a third of its tasks settled."));
        var upS = (up - started).TotalSeconds;
        return Measured(JoinVariant, report, JoinBounds.Joining(preset, settings, late, data.Count, upS), upS, up);
    }

    private async Task<JoinRun> FromStartAsync(BenchSession session, CifarDataset data, CancellationToken cancellation)
    {
        // They joined the last job; should the monitor not list them yet, the job would start without them.
        var monitor = session.Cluster.Grains.GetDeviceMonitor();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await monitor.GetAvailableAsync()).Count(d => late.Devices.Any(l => l.Id == d.Profile.Id)) < LateEdges)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The late silo's {LateEdges} edges were not available within 30 s.");
            }

            await Task.Delay(200, cancellation);
        }

        var report = await session.RunCompletedAsync(data, Spec, FromStartVariant, cancellation);
        return Measured(FromStartVariant, report, JoinBounds.Of(preset, [.. settings, late], data.Count), null, null);
    }

    private JoinRun Measured(string variant, JobReport report, double boundS, double? siloUpS, DateTimeOffset? up)
    {
        var lateIds = late.Devices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var joins = (report.Joins ?? []).Where(j => lateIds.Contains(j.DeviceId)).ToList();
        var added = up is { } at ? joins.Select(j => (j.AtUtc - at).TotalSeconds).ToList() : [];
        var firstWork = up is { } from ? joins.Select(j => j.FirstWorkUtc is { } first ? (first - from).TotalSeconds : double.PositiveInfinity).ToList() : [];
        if (up is not null && joins.Count < LateEdges)
        {
            firstWork.AddRange(Enumerable.Repeat(double.PositiveInfinity, LateEdges - joins.Count));
        }

        var makespan = report.MakespanMs / 1000;
        log($"  {variant}: {makespan:F1} s, bound {boundS:F1} s" + (siloUpS is { } s
            ? $"; late silo up at {s:F1} s, added after {string.Join(" / ", added.Select(a => $"{a:F2}"))} s, first work after {string.Join(" / ", firstWork.Select(f => $"{f:F2}"))} s"
            : string.Empty));
        return new JoinRun(variant, makespan, boundS, report.ImagesRecorded, report.DuplicateResults, report.MissingImageCount, siloUpS, added, firstWork,
            report.Devices.Where(d => lateIds.Contains(d.DeviceId)).Sum(d => d.Images));
    }
}
