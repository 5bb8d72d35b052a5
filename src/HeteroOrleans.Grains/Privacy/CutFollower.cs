using HeteroOrleans.Grains.Links;
using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Privacy;

/// <summary>
/// Keeps a running job's or stream's plan on its devices' links as measured: a link that moved far from what the plan
/// was made for is given to the scheme (Adaptive's finish times and windows follow it) and, under <c>--split auto</c>,
/// its device's cut is weighed again with the cost model the job's start used; a different best cut is used by the
/// device's next tasks (<see cref="CutTable"/>). A named or manifest split is the user's choice and never moves.
/// </summary>
internal sealed class CutFollower
{
    /// <summary>How far a measured bandwidth or latency must be from the planned one, as a ratio, to count as moved.</summary>
    public const double MovedRatio = 1.5;

    // Latencies this close count as the same whatever their ratio: timers and turns differ by this much.
    private const double LatencySlackMs = 5;

    private readonly JobSpec _spec;
    private readonly List<DeviceProfile> _devices;
    private readonly CutTable _cuts;
    private readonly IJobScheme _scheme;
    private readonly LinkMeter _meter;
    private readonly SharedClassifiers _classifiers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, LinkProfile> _planned;
    private readonly Dictionary<string, long> _samplesSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _changesSeen = new(StringComparer.Ordinal);


    public CutFollower(
        JobSpec spec, IReadOnlyCollection<DeviceProfile> devices, CutTable cuts, IJobScheme scheme, LinkMeter meter, SharedClassifiers classifiers, TimeProvider time,
        ILogger logger)
    {
        (_spec, _devices, _cuts, _scheme, _meter, _classifiers, _time, _logger) = (spec, [.. devices], cuts, scheme, meter, classifiers, time, logger);
        _planned = _devices.ToDictionary(d => d.Id, d => d.Link, StringComparer.Ordinal);
    }

    /// <summary>True when the job's cuts follow its links (split auto, and some device is cut).</summary>
    public bool MovesCuts => _spec.Split == JobSpec.AutoSplit && _cuts.Current.Count > 0;

    /// <summary>Follows <paramref name="profile"/>'s link too: a device that joined, planned on its configured link.</summary>
    public void Join(DeviceProfile profile)
    {
        _devices.Add(profile);
        _planned[profile.Id] = profile.Link;
    }

    /// <summary>Looks at every device's measured link; the cuts moved, if any.</summary>
    public IReadOnlyList<CutChange> Review()
    {
        var moved = new List<string>();
        foreach (var device in _devices)
        {
            // A link with no transfer timed since the last look has nothing new to say.
            var samples = _meter.SamplesOf(device.Id);
            if (samples == _samplesSeen.GetValueOrDefault(device.Id) || _meter.Of(device.Id) is not { } measured || !double.IsFinite(measured.BandwidthMbps))
            {
                continue;
            }

            _samplesSeen[device.Id] = samples;

            // The plan follows a link only when its estimate stepped (the detector saw a change): an estimate wandering
            // within its noise moves nothing (on a busy machine the emulated links' timers wander by tens of percent).
            var stepped = measured.Changes != _changesSeen.GetValueOrDefault(device.Id);
            _changesSeen[device.Id] = measured.Changes;
            if (!stepped)
            {
                continue;
            }
            var planned = _planned[device.Id];
            var now = new LinkProfile(double.IsFinite(measured.RoundTripMs) ? measured.RoundTripMs : planned.RoundTripLatencyMs, TwoFigures(measured.BandwidthMbps));
            if (Moved(planned, now))
            {
                _planned[device.Id] = now;
                _scheme.Relink(device.Id, now);
                moved.Add(device.Id);
            }
        }

        // Only a device that is cut is weighed again: a trusted device's link moves the scheme's plan, not a cut.
        return MovesCuts && moved.Any(id => _cuts.Of(id) is not null) ? Recut(moved) : [];
    }

    // Every device is weighed on its link as now believed, as the job's start weighed them on their configured ones.
    private List<CutChange> Recut(List<string> moved)
    {
        var plan = FeatureCuts.Plan(_spec, [.. _devices.Select(d => d with { Link = _planned[d.Id] })], _classifiers, _cuts.Current);
        var changes = new List<CutChange>();
        foreach (var id in moved)
        {
            if (plan.TryGetValue(id, out var cut) && _cuts.Of(id) is { } old && old.Tensor != cut.Tensor)
            {
                var change = new CutChange(_time.GetUtcNow(), id, old.Tensor, cut.Tensor, _planned[id].BandwidthMbps);
                _cuts.Change(change, cut, SendsFarLess(cut, old));
                changes.Add(change);
                _logger.LogInformation("The link to {Device} measured {Mbps} Mbit/s: its next tasks are cut at '{To}' (was '{From}')", id, change.BandwidthMbps, change.To, change.From);
            }
        }

        return changes;
    }

    // Waiting features are encrypted again only for a cut that puts at most half their bytes on the link (the link
    // collapsed): their head is already spent, and a cut that sends about as much, or more, cannot repay a second one.
    private bool SendsFarLess(FeatureCut now, FeatureCut old)
    {
        var cuts = _classifiers.GetCuts(now.ModelId);
        var encoding = FeatureEncodings.Of(now.Precision);
        return cuts.Find(now.Tensor) is { } next && cuts.Find(old.Tensor) is { } before && 2 * next.BytesPerImage(encoding) <= before.BytesPerImage(encoding);
    }

    private static bool Moved(LinkProfile planned, LinkProfile now) =>
        Far(planned.BandwidthMbps, now.BandwidthMbps)
        || (Math.Abs(planned.RoundTripLatencyMs - now.RoundTripLatencyMs) > LatencySlackMs && Far(planned.RoundTripLatencyMs, now.RoundTripLatencyMs));

    // 0 is "unlimited" for a bandwidth: far from every finite one.
    private static bool Far(double a, double b) =>
        (a <= 0 || b <= 0) ? (a <= 0) != (b <= 0) : Math.Max(a, b) / Math.Min(a, b) > MovedRatio;

    // Two significant figures: the cost model weighs no finer, and equal links share one choice.
    private static double TwoFigures(double mbps)
    {
        if (mbps <= 0)
        {
            return 0;
        }

        var unit = Math.Pow(10, Math.Floor(Math.Log10(mbps)) - 1);
        return Math.Round(mbps / unit, MidpointRounding.AwayFromZero) * unit;
    }
}
