using HeteroOrleans.Grains.Jobs;

namespace HeteroOrleans.Grains.Privacy;

/// <summary>
/// Carries a fine stage to its device as the job's privacy allows: a trusted device gets pixels; an untrusted one
/// gets only the output of its model's head up to the job's cut for it, run by a trusted device (the task's end device,
/// or a trusted edge in turn); raw pixels reach it only when privacy is Off.
/// </summary>
internal sealed class PrivacyRouter
{
    private readonly JobSpec _spec;
    private readonly IJobScheme _scheme;
    private readonly IReadOnlyDictionary<string, DeviceProfile> _profiles;
    private readonly IDeviceView _view;
    private readonly StageCaller _caller;
    private readonly JobCounters _counters;
    private IReadOnlyList<string> _edgeEncryptors;
    private IReadOnlyList<string> _endEncryptors;
    private readonly CutTable _cuts;
    private int _turn;

    // Times a task's features are encrypted again because the cut moved while they waited.
    private const int MaxRecuts = 1;

    public PrivacyRouter(
        JobSpec spec, IJobScheme scheme, IReadOnlyDictionary<string, DeviceProfile> profiles, IDeviceView view, StageCaller caller, JobCounters counters,
        CutTable cuts)
    {
        (_spec, _scheme, _profiles, _view, _caller, _counters, _cuts) = (spec, scheme, profiles, view, caller, counters, cuts);
        (_endEncryptors, _edgeEncryptors) = (Trusted(Tier.End), Trusted(Tier.Edge));
    }

    /// <summary>A device joined the scheme's devices: a trusted one may encrypt from now on.</summary>
    public void Joined() => (_endEncryptors, _edgeEncryptors) = (Trusted(Tier.End), Trusted(Tier.Edge));

    /// <summary>Refuses a job whose privacy cannot be kept on its devices, before any work.</summary>
    /// <exception cref="InvalidOperationException">EncryptAtEdge, an untrusted device, and no trusted edge to encrypt on.</exception>
    public static void Check(JobSpec spec, IReadOnlyCollection<DeviceProfile> devices)
    {
        var untrusted = devices.Any(p => !p.Trusted && p.Tier != Tier.End);
        if (spec.Privacy == PrivacyMode.EncryptAtEdge && untrusted && !devices.Any(p => p.Trusted && p.Tier == Tier.Edge))
        {
            throw new InvalidOperationException("Privacy EncryptAtEdge needs a trusted edge device to encrypt on, and the job has none.");
        }
    }

    /// <summary>Runs the fine stage of <paramref name="batch"/> on the copy's target; null when a device on the way failed.</summary>
    public async Task<InferenceResult?> FineAsync(StageCopy copy, PixelBatch batch, string coarseDevice, Func<bool>? skip)
    {
        var target = copy.Target;
        if (target.Trusted)
        {
            return await _caller.ClassifyAsync(copy, target, batch, skip);
        }

        if (_spec.Privacy == PrivacyMode.Off)
        {
            _counters.RawBatchesToUntrusted++;
            return await _caller.ClassifyAsync(copy, target, batch with { UntrustedMaySee = true }, skip);
        }

        // Features that waited for their device while the job moved the device's cut are encrypted again at the new cut
        // when their turn comes (once: a cut that keeps moving is not chased).
        for (var attempt = 0; ; attempt++)
        {
            // A device the job's start did not plan for (a job stored before cuts were planned) is cut where its model says.
            var cut = _cuts.Of(target.Id) ?? new FeatureCut(target.ModelId, JobSpec.ManifestSplit, _spec.FeaturePrecision);
            var encryptor = _profiles[Encryptor(coarseDevice, batch.Count)];
            if (await _caller.EncryptAsync(copy, encryptor, batch, cut) is not { } features)
            {
                return null;
            }

            Func<bool>? moved = attempt < MaxRecuts ? () => _cuts.Obsolete(target.Id, cut) : null;
            var answer = await _caller.ClassifyFeaturesAsync(copy, target, features, skip, moved);
            if (answer is not null || !copy.CutMoved)
            {
                // Features held back to be cut again never left: only those that did count as sent.
                _counters.EncryptedBatches++;
                return answer;
            }

            copy.CutMoved = false;
        }
    }

    // The device the scheme picks (under Adaptive the trusted one free first), else the task's own end device
    // (EncryptAtEnd) or a trusted edge in turn (EncryptAtEdge); should that device be gone, a live trusted device of the
    // same tier does, so that losing an encryptor never strands a task.
    private string Encryptor(string coarseDevice, int images)
    {
        var pool = _spec.Privacy == PrivacyMode.EncryptAtEdge ? _edgeEncryptors : _endEncryptors;
        if (_scheme.ChooseEncryptor(pool, images) is { } chosen)
        {
            return chosen;
        }

        if (_spec.Privacy == PrivacyMode.EncryptAtEnd && _view.IsLive(coarseDevice))
        {
            return coarseDevice;
        }

        var live = pool.Where(_view.IsLive).ToList();
        var from = live.Count > 0 ? live : pool.Count > 0 ? pool : [coarseDevice];
        return from[_turn++ % from.Count];
    }

    private IReadOnlyList<string> Trusted(Tier tier) => [.. _scheme.Devices.Of(tier).Where(id => _profiles[id].Trusted)];
}
