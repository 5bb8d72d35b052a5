namespace HeteroOrleans.UnitTests.Engine;

/// <summary>A device monitor whose list a test sets: each device up or down, and the suspicions jobs report to it.</summary>
internal sealed class FakeDeviceMonitor(IEnumerable<DeviceProfile> devices) : IDeviceMonitorGrain
{
    private readonly Dictionary<string, DeviceRegistration> _devices = devices.ToDictionary(
        d => d.Id, d => new DeviceRegistration(d, "fake-silo", DeviceHealth.Up, string.Empty, DateTime.UnixEpoch, DateTime.UnixEpoch), StringComparer.Ordinal);

    private long _version = 1;

    /// <summary>The suspicions reported, in order: device and reason.</summary>
    public List<(string Device, string Reason)> Suspicions { get; } = [];

    /// <summary>Sets <paramref name="device"/>'s health; a device back up answered its probe at <paramref name="answeredUtc"/>.</summary>
    public void Set(string device, DeviceHealth health, DateTime? answeredUtc = null)
    {
        var known = _devices[device];
        _devices[device] = known with { Health = health, LastAnswerUtc = answeredUtc ?? known.LastAnswerUtc };
        _version++;
    }

    /// <summary>Says <paramref name="device"/> runs on <paramref name="silo"/> (all run on <c>fake-silo</c> otherwise).</summary>
    public void PlaceOn(string device, string silo)
    {
        _devices[device] = _devices[device] with { SiloAddress = silo };
        _version++;
    }

    public Task<IReadOnlyList<DeviceRegistration>> GetDevicesAsync() => Task.FromResult<IReadOnlyList<DeviceRegistration>>([.. _devices.Values]);

    public Task<IReadOnlyList<DeviceRegistration>> GetAvailableAsync() =>
        Task.FromResult<IReadOnlyList<DeviceRegistration>>([.. _devices.Values.Where(d => d.Health == DeviceHealth.Up)]);

    public Task<DeviceChanges> GetChangesAsync(long sinceVersion) => Task.FromResult(new DeviceChanges(_version, Complete: true, [.. _devices.Values]));

    public Task ReportSuspectAsync(string deviceId, string reason)
    {
        Suspicions.Add((deviceId, reason));
        return Task.CompletedTask;
    }

    public Task<int> DrainAsync(string siloAddress)
    {
        var held = _devices.Values.Where(d => d.SiloAddress == siloAddress).Select(d => d.Profile.Id).ToList();
        held.ForEach(id => Set(id, DeviceHealth.Draining));
        return Task.FromResult(held.Count);
    }

    public Task RefreshAsync() => Task.CompletedTask;
}
