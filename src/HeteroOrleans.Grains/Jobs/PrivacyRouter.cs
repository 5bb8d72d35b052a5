namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Carries a fine stage to its device as the job's privacy allows: a trusted device gets pixels; an untrusted one
/// gets only the output of its model's head up to the job's cut for it, run by a trusted device (the task's end device,
/// or a trusted edge in turn); raw pixels reach it only when privacy is Off.
/// </summary>
internal sealed class PrivacyRouter
{
    private readonly JobSpec _spec;
    private readonly JobDevices _devices;
    private readonly LiveDevices _live;
    private readonly StageCaller _caller;
    private readonly JobCounters _counters;
    private readonly IReadOnlyList<string> _edgeEncryptors;
    private readonly IReadOnlyList<string> _endEncryptors;
    private readonly IReadOnlyDictionary<string, FeatureCut> _cuts;
    private int _turn;

    /// <exception cref="InvalidOperationException">EncryptAtEdge, an untrusted device, and no trusted edge to encrypt on.</exception>
    public PrivacyRouter(JobSpec spec, JobDevices devices, LiveDevices live, StageCaller caller, JobCounters counters, IReadOnlyDictionary<string, FeatureCut> cuts)
    {
        (_spec, _devices, _live, _caller, _counters, _cuts) = (spec, devices, live, caller, counters, cuts);
        _endEncryptors = Trusted(Tier.End);
        _edgeEncryptors = Trusted(Tier.Edge);
        var untrusted = devices.Profiles.Values.Any(p => !p.Trusted && p.Tier != Tier.End);
        if (spec.Privacy == PrivacyMode.EncryptAtEdge && untrusted && _edgeEncryptors.Count == 0)
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

        var encryptor = _devices.Profiles[Encryptor(coarseDevice, batch.Count)];
        // A device the job's start did not plan for (a job stored before cuts were planned) is cut where its model says.
        var cut = _cuts.GetValueOrDefault(target.Id) ?? new FeatureCut(target.ModelId, JobSpec.ManifestSplit, _spec.FeaturePrecision);
        if (await _caller.EncryptAsync(copy, encryptor, batch, cut) is not { } features)
        {
            return null;
        }

        _counters.EncryptedBatches++;
        return await _caller.ClassifyFeaturesAsync(copy, target, features, skip);
    }

    // The task's own end device encrypts (EncryptAtEnd) or a trusted edge in turn (EncryptAtEdge); should that device
    // be gone, a live trusted device of the same tier does, so that losing an encryptor never strands a task.
    // Under Adaptive the trusted device of that tier that is free first encrypts: the head is short and jumps the
    // device's queue, but not the batch it is running, and a device with less work ends that batch sooner.
    private string Encryptor(string coarseDevice, int images)
    {
        var pool = _spec.Privacy == PrivacyMode.EncryptAtEdge ? _edgeEncryptors : _endEncryptors;
        if (_devices.Adaptive is { } adaptive && adaptive.ChooseAmong(pool, images) is { } first)
        {
            return first;
        }

        if (_spec.Privacy == PrivacyMode.EncryptAtEnd && _live.IsLive(coarseDevice))
        {
            return coarseDevice;
        }

        var live = pool.Where(_live.IsLive).ToList();
        var from = live.Count > 0 ? live : pool.Count > 0 ? pool : [coarseDevice];
        return from[_turn++ % from.Count];
    }

    private IReadOnlyList<string> Trusted(Tier tier) =>
        _devices.OfTier(tier).Where(id => _devices.Profiles[id].Trusted).ToList();
}
