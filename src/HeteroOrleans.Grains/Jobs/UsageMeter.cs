namespace HeteroOrleans.Grains.Jobs;

/// <summary>Adds up what each device did for one job, failures included.</summary>
internal sealed class UsageMeter
{
    private readonly Dictionary<string, Usage> _devices = new();

    public void Add(DeviceProfile profile, InferenceResult result, int images)
    {
        var usage = Get(profile);
        usage.Silo = result.SiloAddress;
        usage.Tasks++;
        usage.Images += images;
        usage.BusyMs += result.ComputeMs;
    }

    public void Fail(DeviceProfile profile) => Get(profile).Failures++;

    /// <summary>Work for the job left for <paramref name="profile"/> at <paramref name="at"/>; the first time is kept.</summary>
    public void Sent(DeviceProfile profile, DateTimeOffset at) => Get(profile).FirstSentUtc ??= at;

    /// <summary>When the job first sent <paramref name="deviceId"/> work in this activation; null while it has sent none.</summary>
    public DateTimeOffset? FirstWork(string deviceId) => _devices.GetValueOrDefault(deviceId)?.FirstSentUtc;

    /// <summary>Adds work that produced no labels (an encryption head) to the device's busy time.</summary>
    public void AddBusy(DeviceProfile profile, double busyMs) => Get(profile).BusyMs += busyMs;

    /// <summary>Continues from a snapshot (a job that came back on another silo).</summary>
    public void Restore(IEnumerable<DeviceUsage> usages, IReadOnlyDictionary<string, DeviceProfile> profiles)
    {
        foreach (var u in usages.Where(u => profiles.ContainsKey(u.DeviceId)))
        {
            var usage = Get(profiles[u.DeviceId]);
            (usage.Silo, usage.Tasks, usage.Images, usage.BusyMs, usage.Failures) = (u.SiloAddress, u.Tasks, u.Images, u.BusyMs, u.Failures);
        }
    }

    public IReadOnlyList<DeviceUsage> Snapshot() =>
        _devices.Values
            .OrderBy(d => d.Profile.Tier).ThenBy(d => d.Profile.Id, StringComparer.Ordinal)
            .Select(d => new DeviceUsage(d.Profile.Id, d.Profile.Tier, d.Profile.ModelId, d.Profile.ComputeMode, d.Silo, d.Tasks, d.Images, d.BusyMs, d.Failures))
            .ToList();

    private Usage Get(DeviceProfile profile) =>
        _devices.TryGetValue(profile.Id, out var usage) ? usage : _devices[profile.Id] = new Usage(profile);

    private sealed class Usage(DeviceProfile profile)
    {
        public DeviceProfile Profile { get; } = profile;

        public string Silo { get; set; } = string.Empty;

        public int Tasks { get; set; }

        public int Images { get; set; }

        public double BusyMs { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset? FirstSentUtc { get; set; }
    }
}
