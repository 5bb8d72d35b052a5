namespace HeteroOrleans.Grains.Monitoring;

/// <summary>
/// Every change to a device's registration, in version order, for callers that ask what changed since the version
/// they last saw. The log keeps the changes of the last few rounds (at least as many as there are devices, four times
/// over); a caller further behind is told to read the whole list.
/// </summary>
internal sealed class DeviceChangeLog
{
    private const int KeepAtLeast = 1024;
    private readonly List<(long Version, DeviceHealthRecord Device)> _changes = [];
    private long _forgottenUpTo;

    /// <summary>The version of the last change.</summary>
    public long Version { get; private set; }

    /// <summary>Dates a change of <paramref name="device"/> with a new version; <paramref name="devices"/> is how many the monitor keeps.</summary>
    public void Add(DeviceHealthRecord device, int devices)
    {
        _changes.Add((++Version, device));
        if (_changes.Count > Math.Max(KeepAtLeast, 4 * devices))
        {
            var forget = _changes.Count / 2;
            _forgottenUpTo = _changes[forget - 1].Version;
            _changes.RemoveRange(0, forget);
        }
    }

    /// <summary>The devices that changed after <paramref name="version"/>, each once; null when the log no longer reaches back that far (or the version is not one it gave).</summary>
    public IReadOnlyList<DeviceHealthRecord>? Since(long version)
    {
        if (version < _forgottenUpTo || version > Version)
        {
            return null;
        }

        // The log is in version order: find the first change after the caller's version.
        var first = _changes.BinarySearch((version + 1, null!), Comparer<(long Version, DeviceHealthRecord Device)>.Create((a, b) => a.Version.CompareTo(b.Version)));
        return [.. _changes.Skip(first < 0 ? ~first : first).Select(c => c.Device).Distinct()];
    }
}
