using HeteroOrleans.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// A fault campaign: each run starts a cluster of two silos per tier in this process, runs one Monitor job through
/// an Orleans client that knows every gateway, and meanwhile kills silos (the job's own among them), hangs and slows
/// devices, loads the CPU and kills the membership and job store (restarted empty, restarted from its log, or failed
/// over by its Sentinel), at random points drawn from the seed. Each run then reads every result back from the
/// job and counts the images with one result, with more than one, and with none.
/// </summary>
public sealed class ChaosBenchmark(ChaosBenchmarkOptions options, Action<string> log)
{
    private static readonly SchedulingScheme[] Schemes = [SchedulingScheme.EndEdge, SchedulingScheme.EndCloud, SchedulingScheme.Mapping, SchedulingScheme.Adaptive];
    private const int ResultPage = 1000;
    private const int StoreRunMinThreads = 64;

    // Store faults need a redis-server of the bench's own; without one the campaign runs without them, and says so.
    private bool StoreFaults => options.StoreFaults && RedisProcess.Missing is null;

    /// <summary>Runs the campaign, one row per run.</summary>
    public async Task<IReadOnlyList<ChaosRun>> RunAsync(CifarDataset data, CancellationToken cancellation)
    {
        if (options.StoreFaults && RedisProcess.Missing is { } missing)
        {
            log($"store faults skipped: {missing}");
        }

        var rows = new List<ChaosRun>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var random = new Random(unchecked(options.Seed * 7919 + run));
            var row = await RunOnceAsync(run, random, data, cancellation);
            log($"run {run}: {row.Scheme}, {string.Join(", ", row.Faults)}: {(row.Completed ? "completed" : "FAILED")}, " +
                $"{row.ImagesOnce} once, {row.Duplicated} duplicated, {row.Missing} missing, {row.MakespanSeconds:F1} s ({row.Ratio:F2}× bound), {row.Hedges} hedge(s), {row.Activations} activation(s)");
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The campaign's last line: <c>N of M runs completed, X images lost, Y duplicated</c>.</summary>
    public static string Summary(IReadOnlyList<ChaosRun> rows) =>
        $"{rows.Count(r => r.Completed)} of {rows.Count} runs completed, {rows.Sum(r => r.Missing)} images lost, {rows.Sum(r => r.Duplicated)} duplicated";

    /// <summary>The rows as a Markdown table.</summary>
    public static string ToMarkdown(IReadOnlyList<ChaosRun> rows)
    {
        var table = new MarkdownTable("run", "scheme", "faults", "completed", "once", "duplicated", "missing", "makespan (s)", "÷ bound", "hedges", "activations");
        foreach (var r in rows)
        {
            table.Add(r.Run.ToString(), r.Scheme, string.Join("; ", r.Faults), r.Completed ? "yes" : $"**no** {r.Error}", r.ImagesOnce.ToString("N0"), r.Duplicated.ToString(),
                r.Missing.ToString(), r.MakespanSeconds.ToString("F1"), r.Ratio.ToString("F2"), r.Hedges.ToString(), r.Activations.ToString());
        }

        return table.ToString();
    }

    private async Task<ChaosRun> RunOnceAsync(int run, Random random, CifarDataset data, CancellationToken cancellation)
    {
        var scheme = Schemes[random.Next(Schemes.Length)];
        var jobs = Path.Combine(Path.GetTempPath(), "hetero-chaos", Guid.NewGuid().ToString("N"));
        var settings = ChaosLayout.Create(options, jobs);
        var job = new JobSpec(scheme) { Deadline = options.Deadline ?? JobSpec.DefaultDeadline };
        var faults = ChaosPlan.Draw(random, settings, job.Covering(data).TaskCount, StoreFaults);
        var applied = new List<string>();
        CpuHog? hog = null;
        ChaosStore? store = null;
        var storeFault = Task.FromResult(TimeSpan.Zero);
        try
        {
            if (faults.FirstOrDefault(f => f.OnStore) is { } onStore)
            {
                // Six silos share this process's thread pool, and each of their Redis connections may hold a pool thread
                // while it finds the store again: without room to spare the job waits on the pool's slow growth, which a
                // silo of its own process does not.
                ThreadPool.GetMinThreads(out var workers, out var completions);
                ThreadPool.SetMinThreads(Math.Max(workers, StoreRunMinThreads), completions);
                store = await ChaosStore.StartAsync(onStore.Kind);
                settings = ChaosLayout.Create(options, jobs, store.ConnectionString);
            }

            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            await using var cluster = await StartClusterAsync(settings, store?.ConnectionString, run, cancellation);
            var upAfter = stopwatch.Elapsed;
            using var client = await cluster.ConnectClientAsync(cancellation);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            JobProgress? progress = null;
            var jobId = JobRunner.NewJobId();
            var running = new JobRunner(grains, notice => log($"  run {run}: {notice}")).RunAsync(jobId, data, job, p => progress = p, cancellation);
            var pending = new Queue<ChaosFault>(faults);
            while (!running.IsCompleted)
            {
                while (pending.Count > 0 && progress is { } now && now.TasksDone >= pending.Peek().AtTask)
                {
                    var fault = pending.Dequeue();
                    hog ??= fault.Kind == ChaosFaultKind.CpuHog ? new CpuHog(int.Parse(fault.Target)) : null;
                    if (fault.OnStore)
                    {
                        // The store stays away for seconds while the job runs on: its fault runs beside the job.
                        storeFault = store!.FaultAsync(fault.Kind, TimeSpan.FromSeconds(fault.Factor), cancellation);
                        applied.Add(fault.ToString());
                        continue;
                    }

                    applied.Add(await ApplyAsync(cluster, grains, fault, now.Silo));
                }

                await Task.WhenAny(running, Task.Delay(20, cancellation));
            }

            var report = await running;
            if (applied.FindIndex(a => a.StartsWith("store", StringComparison.Ordinal)) is var storeAt and >= 0)
            {
                applied[storeAt] += $" (away {(await storeFault).TotalSeconds:F1} s)";
            }

            var (once, duplicated, missing) = await CountResultsAsync(grains.GetGrain<IJobGrain>(jobId), data.Count);
            log($"  run {run}: job ended after {stopwatch.Elapsed.TotalSeconds:F1} s (cluster up in {upAfter.TotalSeconds:F1} s); stopping the cluster");
            return new ChaosRun(run, scheme.ToString(), applied, report.State == JobState.Completed, once, duplicated, missing,
                report.MakespanMs / 1000, Bound(settings, faults, applied, scheme, data.Count), report.Hedges, report.Activations);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            return new ChaosRun(run, scheme.ToString(), applied, false, 0, 0, data.Count, double.NaN, double.NaN, 0, 0, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
        finally
        {
            hog?.Dispose();
            await storeFault.ContinueWith(_ => { }, TaskScheduler.Default);
            if (store is not null)
            {
                await store.DisposeAsync();
            }

            SharedMembershipTable.Forget(settings[0].Options.ClusterId);
            TryDelete(jobs);
        }
    }

    // A cluster that fails to start (a port taken meanwhile by another program) is no result about jobs: try again
    // on other ports, twice, before the run counts as failed.
    private async Task<LocalCluster> StartClusterAsync(IReadOnlyList<SiloSettings> settings, string? redis, int run, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var cluster = await LocalCluster.StartAsync(settings, cancellation, SiloHost.SilentLogging);
                await cluster.WaitForDevicesAsync(TimeSpan.FromSeconds(30), cancellation);
                return cluster;
            }
            catch (Exception e) when (attempt < 3 && e is not OperationCanceledException)
            {
                log($"  run {run}: the cluster did not start ({e.GetType().Name}: {e.Message.Split('\n')[0]}); starting it again on other ports");
                SharedMembershipTable.Forget(settings[0].Options.ClusterId);
                settings = ChaosLayout.Create(options, settings[0].JobsDirectory, redis);
            }
        }
    }

    private static async Task<string> ApplyAsync(LocalCluster cluster, IGrainFactory grains, ChaosFault fault, string? jobSilo)
    {
        switch (fault.Kind)
        {
            case ChaosFaultKind.KillSilo:
                var name = fault.Target == ChaosPlan.JobSilo ? cluster.NameOf(jobSilo) ?? cluster.Live.First(s => s.Tiers.Contains(Tier.End)).Name : fault.Target;
                await cluster.KillAsync(name);
                return fault.Target == ChaosPlan.JobSilo ? $"kill {name} (the job's) @{fault.AtTask}" : fault.ToString();
            case ChaosFaultKind.HangDevice or ChaosFaultKind.SlowDevice:
                var device = cluster.Settings.SelectMany(s => s.Devices).Single(d => d.Id == fault.Target);
                var grain = grains.GetDevice(device.Tier, device.Id);
                try
                {
                    await (fault.Kind == ChaosFaultKind.HangDevice ? grain.InjectFailureAsync(0) : grain.SlowDownAsync(fault.Factor)).WaitAsync(TimeSpan.FromSeconds(10));
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    return $"{fault} (its silo was gone)";
                }

                return fault.ToString();
            default:
                return fault.ToString();
        }
    }

    private static async Task<(int Once, int Duplicated, int Missing)> CountResultsAsync(IJobGrain job, int images)
    {
        var seen = new int[images];
        for (var first = 0; first < images; first += ResultPage)
        {
            foreach (var result in await job.GetResultsAsync(first, ResultPage))
            {
                seen[result.ImageId]++;
            }
        }

        return (seen.Count(n => n == 1), seen.Count(n => n > 1), seen.Count(n => n == 0));
    }

    // The fluid bound of the capacity that survived: killed silos' and hung devices' work left out, slowed ones at their speed.
    private static double Bound(IReadOnlyList<SiloSettings> settings, IReadOnlyList<ChaosFault> faults, IReadOnlyList<string> applied, SchedulingScheme scheme, int images)
    {
        var killed = applied.Where(a => a.StartsWith("kill ", StringComparison.Ordinal)).Select(a => a.Split(' ')[1]).ToHashSet();
        var hung = faults.Where(f => f.Kind == ChaosFaultKind.HangDevice).Select(f => f.Target).ToHashSet();
        var slow = faults.Where(f => f.Kind == ChaosFaultKind.SlowDevice).GroupBy(f => f.Target).ToDictionary(g => g.Key, g => g.Max(f => f.Factor));
        var alive = settings.Where(s => !killed.Contains(s.Name)).SelectMany(s => s.Devices).Where(d => !hung.Contains(d.Id))
            .Select(d => (Device: d, Ms: d.MsPerImage * slow.GetValueOrDefault(d.Id, 1))).ToList();
        var fine = SchemeRoles.FineTiers(scheme);
        return FluidBound.Makespan(images, alive.Where(a => a.Device.Tier == Tier.End).Select(a => a.Ms).ToList(),
            alive.Where(a => fine.Contains(a.Device.Tier)).Select(a => (a.Ms, a.Device.Link.RoundTripLatencyMs)).ToList());
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
