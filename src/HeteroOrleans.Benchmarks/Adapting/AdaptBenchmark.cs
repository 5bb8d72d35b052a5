using HeteroOrleans.Grains.Links;
using HeteroOrleans.Inference.Models;

namespace HeteroOrleans.Benchmarks.Adapting;

/// <summary>
/// Plans that follow the measured world, under a world that changes mid-run. Bandwidth: an End-Cloud job whose
/// untrusted cloud's link steps through <see cref="AdaptBenchmarkOptions.PhasesMbps"/> at equal shares of its tasks
/// (changed in every silo's emulation, told to nobody), run with the cut fixed at its start, with the cut following
/// the measured link, and as the oracle: each phase its own job on its own link with the cut <c>--split auto</c> picks
/// for it.
/// </summary>
public sealed class AdaptBenchmark(IReadOnlyList<SiloSettings> settings, AdaptBenchmarkOptions options, Action<string> log)
{
    /// <summary>The job's cut chosen for the first phase's link and kept.</summary>
    public const string FixedVariant = "cut fixed at start";

    /// <summary>The job's cut following the measured link.</summary>
    public const string RecutVariant = "re-cut while running";

    /// <summary>Each phase its own job with the best cut for its link.</summary>
    public const string OracleVariant = "oracle (best cut per phase)";

    private readonly DeviceProfile _cloud = settings.SelectMany(s => s.Devices).First(d => d.Tier == Tier.Cloud && !d.Trusted);

    /// <summary>
    /// The devices of <paramref name="configDirectory"/>'s configs emulated by the paper's preset, the cloud link at
    /// <paramref name="firstMbps"/> with a round trip of <paramref name="cloudLatency"/>, times divided by <paramref name="timeScale"/>.
    /// </summary>
    public static (IReadOnlyList<SiloSettings> Settings, DevicePreset Preset) Settings(string configDirectory, double firstMbps, TimeSpan cloudLatency, double timeScale)
    {
        var linked = PrivacyBenchmark.Preset(firstMbps);
        var preset = linked with
        {
            Name = $"{linked.Name}, cloud round trip {cloudLatency.TotalMilliseconds:0} ms",
            Tiers = new Dictionary<Tier, TierProfile>(linked.Tiers) { [Tier.Cloud] = linked.Tiers[Tier.Cloud] with { RoundTripLatencyMs = cloudLatency.TotalMilliseconds } },
        };
        return (LocalCluster.LoadSettings(configDirectory, null, preset, timeScale), preset);
    }

    /// <summary>The cut <c>--split auto</c> picks for the cloud at each phase's bandwidth, as its job would at its start.</summary>
    public IReadOnlyList<string> PhaseCuts()
    {
        var classifiers = new SharedClassifiers(ModelStore.Open(settings[0].ModelsDirectory));
        var devices = settings.SelectMany(s => s.Devices).ToList();
        return [.. options.PhasesMbps.Select(mbps => FeatureCuts.Plan(
            Spec(JobSpec.AutoSplit), [.. devices.Select(d => d.Id == _cloud.Id ? d with { Link = Link(mbps) } : d)], classifiers)[_cloud.Id].Tensor)];
    }

    /// <summary>Every variant, <see cref="AdaptBenchmarkOptions.Runs"/> times, in turn.</summary>
    public async Task<IReadOnlyList<BandwidthRun>> BandwidthAsync(CifarDataset data, CancellationToken cancellation)
    {
        var cuts = PhaseCuts();
        await using var session = await BenchSession.StartAsync(settings, log, cancellation);
        SetCloudLink(session, options.PhasesMbps[0]);
        await session.WarmAsync(data.Take(Math.Min(data.Count, 500)), [Spec(JobSpec.AutoSplit)], cancellation);
        var runs = new List<BandwidthRun>();
        for (var run = 1; run <= options.Runs; run++)
        {
            runs.Add(await PhasedAsync(session, data, Spec(cuts[0]), FixedVariant, cuts[0], cancellation));
            runs.Add(await PhasedAsync(session, data, Spec(JobSpec.AutoSplit), RecutVariant, cuts[0], cancellation));
            runs.Add(await OracleAsync(session, data, cuts, cancellation));
            log($"Run {run} of {options.Runs}: " + string.Join(", ", runs.TakeLast(3).Select(r => $"{r.Variant} {r.MakespanS:F1} s")));
        }

        return runs;
    }

    // One job through every phase: the cloud's link steps as the job's settled tasks pass each share.
    private async Task<BandwidthRun> PhasedAsync(BenchSession session, CifarDataset data, JobSpec spec, string variant, string firstCut, CancellationToken cancellation)
    {
        SetCloudLink(session, options.PhasesMbps[0]);
        var tasks = data.TaskCount(spec.BatchSize);
        var steps = new List<DateTimeOffset>();
        var started = DateTimeOffset.UtcNow;
        var report = await session.RunCompletedAsync(data, spec, $"{variant} job", cancellation, done =>
        {
            var phase = Math.Min(options.PhasesMbps.Count - 1, done * options.PhasesMbps.Count / tasks);
            if (phase > steps.Count)
            {
                SetCloudLink(session, options.PhasesMbps[phase]);
                steps.Add(DateTimeOffset.UtcNow);
            }
        });
        var changes = report.CutChanges ?? [];
        double Emulated(TimeSpan wall) => wall.TotalSeconds * options.TimeScale;
        var inForce = steps.Select(step => changes.FirstOrDefault(c => c.AtUtc >= step) is { } change ? Emulated(change.AtUtc - step) : (double?)null).ToList();
        var used = changes.Select(c => (Emulated(c.AtUtc - started), c.To)).Prepend((0.0, firstCut)).ToList();
        var makespan = report.MakespanMs / 1000 * options.TimeScale;
        var bounds = steps.Select(s => Emulated(s - started)).Prepend(0).Append(makespan).ToList();
        var phases = bounds.Zip(bounds.Skip(1), (from, to) => Math.Max(0, to - from)).ToList();
        log($"  {variant}: {makespan:F1} s (phases {string.Join(", ", phases.Select(p => $"{p:F1}"))} s), cut(s) {string.Join(" → ", used.Select(u => $"{u.Item2} at {u.Item1:F1} s"))}");
        return new BandwidthRun(variant, makespan, report.ImagesRecorded, report.DuplicateResults, report.MissingImageCount, inForce, used, phases);
    }

    // Each phase alone: its share of the images on its link, cut where --split auto would cut for that link.
    private async Task<BandwidthRun> OracleAsync(BenchSession session, CifarDataset data, IReadOnlyList<string> cuts, CancellationToken cancellation)
    {
        var (makespan, recorded, duplicates, missing) = (0.0, 0, 0, 0);
        var share = data.Take(data.Count / options.PhasesMbps.Count);
        var used = new List<(double, string)>();
        var phases = new List<double>();
        for (var phase = 0; phase < options.PhasesMbps.Count; phase++)
        {
            SetCloudLink(session, options.PhasesMbps[phase]);
            var report = await session.RunCompletedAsync(share, Spec(cuts[phase]), $"oracle phase {phase + 1}", cancellation);
            used.Add((makespan, cuts[phase]));
            phases.Add(report.MakespanMs / 1000 * options.TimeScale);
            (makespan, recorded, duplicates, missing) = (makespan + report.MakespanMs / 1000 * options.TimeScale, recorded + report.ImagesRecorded,
                duplicates + report.DuplicateResults, missing + report.MissingImageCount);
        }

        SetCloudLink(session, options.PhasesMbps[0]);
        return new BandwidthRun(OracleVariant, makespan, recorded, duplicates, missing, [], used, phases);
    }

    private void SetCloudLink(BenchSession session, double mbps)
    {
        foreach (var links in session.Cluster.SiloServices<EmulatedLinks>())
        {
            links.Set(_cloud.Id, Link(mbps));
        }
    }

    // The cloud's link at mbps in the emulation's time (bandwidth times the scale, as the preset scaled the rest).
    private LinkProfile Link(double mbps) => _cloud.Link with { BandwidthMbps = mbps * options.TimeScale };

    private static JobSpec Spec(string split) => new(SchedulingScheme.EndCloud, Privacy: PrivacyMode.EncryptAtEnd, Split: split);
}
