namespace HeteroOrleans.Contracts.Monitoring;

/// <summary>
/// Keeps the list of available devices. Use key 0: there is one per cluster.
/// </summary>
public interface IDeviceMonitorGrain : IGrainWithIntegerKey
{
    /// <summary>The devices hosted by active silos, ordered by tier then id.</summary>
    Task<IReadOnlyList<DeviceRegistration>> GetDevicesAsync();
}
