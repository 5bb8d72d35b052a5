namespace HeteroOrleans.Contracts.Monitoring;

/// <summary>Gets the cluster's one device monitor.</summary>
public static class MonitorGrains
{
    /// <summary>The device monitor of the cluster (there is one, key 0).</summary>
    public static IDeviceMonitorGrain GetDeviceMonitor(this IGrainFactory grains) => grains.GetGrain<IDeviceMonitorGrain>(0);
}
