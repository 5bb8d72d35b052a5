using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Contracts.Jobs;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>Adds up what each device did for one job.</summary>
internal sealed class UsageMeter
{
    private readonly Dictionary<string, (DeviceProfile Profile, string Silo, int Tasks, int Images, double BusyMs)> _devices = new();

    public void Add(DeviceProfile profile, InferenceResult result, int images)
    {
        var current = _devices.TryGetValue(profile.Id, out var existing) ? existing : (Profile: profile, Silo: result.SiloAddress, Tasks: 0, Images: 0, BusyMs: 0.0);
        _devices[profile.Id] = (profile, result.SiloAddress, current.Tasks + 1, current.Images + images, current.BusyMs + result.ComputeMs);
    }

    public IReadOnlyList<DeviceUsage> Snapshot() =>
        _devices.Values
            .OrderBy(d => d.Profile.Tier).ThenBy(d => d.Profile.Id, StringComparer.Ordinal)
            .Select(d => new DeviceUsage(d.Profile.Id, d.Profile.Tier, d.Profile.ModelId, d.Profile.ComputeMode, d.Silo, d.Tasks, d.Images, d.BusyMs))
            .ToList();
}
