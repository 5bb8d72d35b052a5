using System.Globalization;
using HeteroOrleans.Contracts.Monitoring;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// Table 5 and Figure 4: the End scheme on emulated end devices, some of which stop answering after half their
/// tasks, under each fault method; beside the fluid bound of the capacity that survives.
/// </summary>
public sealed class FaultBenchmark(IReadOnlyList<SiloSettings> settings, FaultBenchmarkOptions options, Action<string> log)
{
    /// <summary>The methods, in table order.</summary>
    public static IReadOnlyList<FaultMethod> Methods { get; } = [FaultMethod.None, FaultMethod.Reassign, FaultMethod.Monitor];

    /// <summary>Runs every cell.</summary>
    public async Task<IReadOnlyList<FaultMeasurement>> RunAsync(CifarDataset data, CancellationToken cancellation)
    {
        await using var session = await BenchSession.StartAsync(settings, log, cancellation);
        var (cluster, runner) = (session.Cluster, session.Runner);
        var endDevices = settings.SelectMany(s => s.Devices).Where(d => d.Tier == Tier.End).Select(d => d.Id).Order(StringComparer.Ordinal).Take(options.EndDevices).ToList();
        var tasks = (data.Count + options.BatchSize - 1) / options.BatchSize;
        var failAfter = tasks / endDevices.Count / 2;
        var job = new JobSpec(SchedulingScheme.End, options.BatchSize, MaxTasksInFlight: 4 * endDevices.Count,
            Devices: new DeviceLimits(options.EndDevices, 0, 0))
        {
            Timeout = options.CommunicationTimeout / options.TimeScale,
        };

        await session.WarmAsync(data, [job], cancellation);
        var results = new List<FaultMeasurement>();
        foreach (var failures in options.MeasuredFailures)
        {
            foreach (var method in options.MeasuredMethods)
            {
                var seconds = new List<double>();
                var (lost, duplicates, completed) = (0, 0, true);
                for (var run = 0; run < options.Runs; run++)
                {
                    foreach (var id in endDevices.Take(failures))
                    {
                        await cluster.Grains.GetDevice(Tier.End, id).InjectFailureAsync(failAfter);
                    }

                    var report = await runner.RunAsync(data, job with { Faults = method }, null, cancellation);
                    await RecoverAsync(cluster, endDevices, cancellation);
                    completed &= report.State == JobState.Completed;
                    seconds.Add(report.MakespanMs / 1000 * options.TimeScale);
                    lost += report.MissingImageCount;
                    duplicates += report.DuplicateResults;
                }

                var cell = new FaultMeasurement(method, failures, Sample.Of(seconds), completed, Bound(data.Count, endDevices.Count, failures, failAfter), lost, duplicates);
                log($"{failures} failure(s), {method}: {(completed ? cell.Seconds.ToString("F1") + " s" : "failed")} (runs {string.Join(", ", seconds.Select(s => s.ToString("F1", CultureInfo.InvariantCulture)))}), bound {cell.BoundSeconds:F1} s, {lost} images lost");
                results.Add(cell);
            }
        }

        return results;
    }

    /// <summary>
    /// The fluid bound with failures: each failing device does its <paramref name="failAfter"/> tasks, the
    /// survivors share the rest at full speed.
    /// </summary>
    public double Bound(int images, int endDevices, int failures, int failAfter)
    {
        var ms = options.Preset.Tiers[Tier.End].MsPerImage;
        var doneByFailing = Math.Min(images, failures * failAfter * options.BatchSize);
        return failures >= endDevices ? double.PositiveInfinity : FluidBound.Makespan(images - doneByFailing, Enumerable.Repeat(ms, endDevices - failures).ToList(), []);
    }

    /// <summary>Table 5 as Markdown: methods by failures (median and range of the runs), then the bound and Monitor over the bound.</summary>
    public static string ToMarkdown(IReadOnlyList<FaultMeasurement> cells)
    {
        var failures = cells.Select(c => c.Failures).Distinct().Order().ToList();
        var table = new MarkdownTable(["method (s)", .. failures.Select(f => f.ToString(CultureInfo.InvariantCulture))]);
        string Cell(FaultMethod method, int f, Func<FaultMeasurement, string> write) =>
            cells.SingleOrDefault(c => c.Method == method && c.Failures == f) is { } cell ? write(cell) : "";
        foreach (var method in Methods.Where(m => cells.Any(c => c.Method == m)))
        {
            table.Add([method.ToString(), .. failures.Select(f => Cell(method, f, c => c.Completed ? c.Seconds.ToString("F1") : "Inf"))]);
        }

        table.Add(["fluid bound (s)", .. failures.Select(f => F(cells.First(c => c.Failures == f).BoundSeconds))]);
        table.Add(["Monitor / bound", .. failures.Select(f => Cell(FaultMethod.Monitor, f, c => c.Completed ? c.OverBound.ToString("F2") : ""))]);
        table.Add(["images lost, Monitor (all runs)", .. failures.Select(f => Cell(FaultMethod.Monitor, f, c => c.LostImages.ToString(CultureInfo.InvariantCulture)))]);
        table.Add(["duplicates recorded, all methods", .. failures.Select(f => cells.Where(c => c.Failures == f).Sum(c => c.Duplicates).ToString(CultureInfo.InvariantCulture))]);
        return table + (cells.Any(c => c.Seconds.Varies) ? Environment.NewLine + Sample.Legend + Environment.NewLine : string.Empty);
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static async Task RecoverAsync(LocalCluster cluster, IReadOnlyList<string> devices, CancellationToken cancellation)
    {
        foreach (var id in devices)
        {
            await cluster.Grains.GetDevice(Tier.End, id).RecoverAsync();
        }

        // The next run starts from a full list: wait until the monitor's probes have seen every device answer, then
        // past any probe that was already under way when the devices recovered, and check again.
        var monitor = cluster.Grains.GetDeviceMonitor();
        for (var check = 0; check < 2; check++)
        {
            while ((await monitor.GetAvailableAsync()).Count(d => devices.Contains(d.Profile.Id)) < devices.Count)
            {
                await Task.Delay(50, cancellation);
            }

            await Task.Delay(TimeSpan.FromSeconds(1.5), cancellation);
        }
    }
}
