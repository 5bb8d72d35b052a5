namespace HeteroOrleans.Grains.Privacy;

/// <summary>
/// Where each untrusted device's model is cut now, for a running job or stream, and every change made while it ran. A
/// task reads its device's cut when it sends the head's work; the features carry the cut, so a task in flight
/// finishes on the cut it began with whatever changes meanwhile.
/// </summary>
internal sealed class CutTable
{
    private readonly Dictionary<string, FeatureCut> _cuts;
    private readonly List<CutChange> _changes;
    private readonly Dictionary<string, HashSet<string>> _obsolete = new(StringComparer.Ordinal);

    /// <summary>Starts from <paramref name="cuts"/>, after <paramref name="changes"/> made by an earlier activation.</summary>
    public CutTable(IReadOnlyDictionary<string, FeatureCut> cuts, IEnumerable<CutChange>? changes = null) =>
        (_cuts, _changes) = (new(cuts, StringComparer.Ordinal), [.. changes ?? []]);

    /// <summary>The cut for <paramref name="deviceId"/> now; null for a device none was planned for.</summary>
    public FeatureCut? Of(string deviceId) => _cuts.GetValueOrDefault(deviceId);

    /// <summary>Every device's cut now.</summary>
    public IReadOnlyDictionary<string, FeatureCut> Current => _cuts;

    /// <summary>The changes made while running, oldest first.</summary>
    public IReadOnlyList<CutChange> Changes => _changes;

    /// <summary>Cuts <paramref name="deviceId"/>, a device that joined while running, at <paramref name="cut"/>, as the job's start would have.</summary>
    public void Add(string deviceId, FeatureCut cut) => _cuts[deviceId] = cut;

    /// <summary>
    /// Cuts <paramref name="change"/>'s device at <paramref name="cut"/> from now on; <paramref name="obsoletesOld"/>:
    /// features of the old cut still waiting for the device are worth encrypting again (the new cut sends far less).
    /// </summary>
    public void Change(CutChange change, FeatureCut cut, bool obsoletesOld)
    {
        _cuts[change.DeviceId] = cut;
        _changes.Add(change);
        var obsolete = _obsolete.TryGetValue(change.DeviceId, out var set) ? set : _obsolete[change.DeviceId] = new(StringComparer.Ordinal);
        obsolete.Remove(change.To);
        if (obsoletesOld)
        {
            obsolete.Add(change.From);
        }
    }

    /// <summary>Whether features of <paramref name="cut"/> waiting for <paramref name="deviceId"/> should be encrypted again at the current cut.</summary>
    public bool Obsolete(string deviceId, FeatureCut cut) => _obsolete.TryGetValue(deviceId, out var set) && set.Contains(cut.Tensor) && _cuts.GetValueOrDefault(deviceId) != cut;
}
