using HeteroOrleans.Grains.Jobs;
using HeteroOrleans.Grains.Links;
using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Privacy;

/// <summary>
/// Keeps a running job's or stream's plan on its devices' links as measured: a link that moved far from what the plan
/// was made for is given to the scheme (Adaptive's finish times and windows follow it) and, under <c>--split auto</c>,
/// its device's cut is weighed again with the cost model the job's start used; a different best cut is used by the
/// device's next tasks (<see cref="CutTable"/>). The trusted side's load is followed the same way: when the devices that
/// run the heads are measured far slower or faster than planned (a busy machine, a slowed device), every cut is weighed
/// again on their measured speed, as Neurosurgeon follows its server's load. A named or manifest split is the user's
/// choice and never moves.
/// </summary>
internal sealed class CutFollower
{
    /// <summary>How far a measured bandwidth or latency must be from the planned one, as a ratio, to count as moved.</summary>
    public const double MovedRatio = 1.5;

    // Transfers the first estimate of a link must be made of before it is weighed against the configured link.
    private const long FirstLookSamples = 8;

    // Latencies this close count as the same whatever their ratio: timers and turns differ by this much.
    private const double LatencySlackMs = 5;

    private readonly JobSpec _spec;
    private readonly List<DeviceProfile> _devices;
    private readonly CutTable _cuts;
    private readonly IJobScheme _scheme;
    private readonly LinkMeter _meter;
    private readonly DeviceTimeouts _speeds;
    private readonly SharedClassifiers _classifiers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, LinkProfile> _planned;
    private readonly Dictionary<string, long> _samplesSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _changesSeen = new(StringComparer.Ordinal);

    // The trusted devices' time per image the cuts in force were chosen on: their profiles' until their load moved.
    private readonly Dictionary<string, double> _plannedSpeeds;

    public CutFollower(
        JobSpec spec, IReadOnlyCollection<DeviceProfile> devices, CutTable cuts, IJobScheme scheme, LinkMeter meter, DeviceTimeouts speeds,
        SharedClassifiers classifiers, TimeProvider time, ILogger logger)
    {
        (_spec, _devices, _cuts, _scheme, _meter, _speeds, _classifiers, _time, _logger) = (spec, [.. devices], cuts, scheme, meter, speeds, classifiers, time, logger);
        _planned = _devices.ToDictionary(d => d.Id, d => d.Link, StringComparer.Ordinal);
        _plannedSpeeds = _devices.ToDictionary(d => d.Id, d => d.MsPerImage, StringComparer.Ordinal);
    }

    /// <summary>True when the job's cuts follow its links (split auto, and some device is cut).</summary>
    public bool MovesCuts => _spec.Split == JobSpec.AutoSplit && _cuts.Current.Count > 0;

    /// <summary>Follows <paramref name="profile"/>'s link too: a device that joined, planned on its configured link.</summary>
    public void Join(DeviceProfile profile)
    {
        _devices.Add(profile);
        _planned[profile.Id] = profile.Link;
        _plannedSpeeds[profile.Id] = profile.MsPerImage;
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
            // The first estimate made of enough transfers is weighed once too: a link configured wrong from the start
            // shows no step, only a level far from the configured one.
            var firstLook = !_changesSeen.ContainsKey(device.Id) && samples >= FirstLookSamples;
            var stepped = measured.Changes != _changesSeen.GetValueOrDefault(device.Id) || firstLook;
            if (firstLook || measured.Changes > 0)
            {
                _changesSeen[device.Id] = measured.Changes;
            }

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

        if (!MovesCuts)
        {
            return [];
        }

        // The trusted side's speed weighs in every cut: when it moved, every cut device is weighed again.
        var trustedMs = TrustedLoadMoved();
        if (trustedMs > 0)
        {
            moved = [.. _cuts.Current.Keys];
        }

        // Only a device that is cut is weighed again: a trusted device's link moves the scheme's plan, not a cut.
        return moved.Any(id => _cuts.Of(id) is not null) ? Recut(moved, trustedMs) : [];
    }

    // The trusted devices' median time per image, measured, when it is far from the one the cuts were chosen on (and
    // from then on the one they are chosen on); 0 when it is not. A single slowed device moves no cut: the median
    // follows the side's load, and the scheme already sends a slowed device less.
    private double TrustedLoadMoved()
    {
        var encryptors = FeatureCuts.Encryptors(_spec, _devices);
        var planned = Median(encryptors.Select(d => _plannedSpeeds[d.Id]));
        var measured = Median(encryptors.Select(d => _speeds.MsPerImage(d.Id)));
        if (!(planned > 0) || !(measured > 0) || !Far(planned, measured))
        {
            return 0;
        }

        foreach (var encryptor in encryptors)
        {
            _plannedSpeeds[encryptor.Id] = _speeds.MsPerImage(encryptor.Id) is var ms && ms > 0 ? ms : _plannedSpeeds[encryptor.Id];
        }

        _logger.LogInformation("The trusted devices measured {Measured:F1} ms per image where the cuts were chosen on {Planned:F1}: every cut is weighed again", measured, planned);
        return measured;
    }

    // Every device is weighed on its link and speed as now believed, as the job's start weighed them on their configured ones.
    private List<CutChange> Recut(List<string> moved, double trustedMs)
    {
        var believed = _devices.Select(d => d with { Link = _planned[d.Id], MsPerImage = d.Trusted ? _plannedSpeeds[d.Id] : d.MsPerImage }).ToList();
        var plan = FeatureCuts.Plan(_spec, believed, _classifiers, _cuts.Current);
        var changes = new List<CutChange>();
        foreach (var id in moved)
        {
            if (plan.TryGetValue(id, out var cut) && _cuts.Of(id) is { } old && old.Tensor != cut.Tensor)
            {
                var change = new CutChange(_time.GetUtcNow(), id, old.Tensor, cut.Tensor, _planned[id].BandwidthMbps, Math.Round(trustedMs, 1));
                _cuts.Change(change, cut, SendsFarLess(cut, old));
                changes.Add(change);
                _logger.LogInformation(
                    "The link to {Device} measured {Mbps} Mbit/s, the trusted side {TrustedMs} ms per image (0: as planned): its next tasks are cut at '{To}' (was '{From}')",
                    id, change.BandwidthMbps, change.TrustedMsPerImage, change.To, change.From);
            }
        }

        return changes;
    }

    private static double Median(IEnumerable<double> values)
    {
        var known = values.Where(v => v > 0 && double.IsFinite(v)).Order().ToList();
        return known.Count == 0 ? double.NaN : known[known.Count / 2];
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
