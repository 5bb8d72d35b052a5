namespace HeteroOrleans.Contracts.Monitoring;

/// <summary>
/// Keeps the list of available devices from three sources: Orleans membership (a silo declared dead takes its
/// devices with it), its own probes of each device, and failures that jobs report. Use key 0: there is one per
/// cluster.
/// </summary>
public interface IDeviceMonitorGrain : IGrainWithIntegerKey
{
    /// <summary>Every device of every active or departed silo it has seen, with its health, ordered by tier then id.</summary>
    Task<IReadOnlyList<DeviceRegistration>> GetDevicesAsync();

    /// <summary>The devices jobs may assign to now (health <see cref="DeviceHealth.Up"/>), ordered by tier then id.</summary>
    Task<IReadOnlyList<DeviceRegistration>> GetAvailableAsync();

    /// <summary>
    /// The devices whose registration (health, silo) changed since <paramref name="sinceVersion"/>, or the whole list
    /// when that version is no longer known (pass -1 the first time). A job re-reads this often: it ships what
    /// changed, not thousands of devices on every call.
    /// </summary>
    Task<DeviceChanges> GetChangesAsync(long sinceVersion);

    /// <summary>
    /// A job saw <paramref name="deviceId"/> pass its time-out or fail a call: it is suspected (no new tasks) until it
    /// answers a probe. A job's report never makes a device down; only membership and missed probes do.
    /// </summary>
    Task ReportSuspectAsync(string deviceId, string reason);

    /// <summary>
    /// The silo at <paramref name="siloAddress"/> is leaving (a drain): its devices are <see cref="DeviceHealth.Draining"/>
    /// from now on, so that jobs and the inference service send them no new work, and probes do not bring them back.
    /// Returns how many devices that silo holds.
    /// </summary>
    Task<int> DrainAsync(string siloAddress);

    /// <summary>Re-reads cluster membership now. The monitor's own membership subscription calls it on every change.</summary>
    Task RefreshAsync();
}
