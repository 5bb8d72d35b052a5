using HeteroOrleans.Grains.Links;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Wakes a job's devices before its clock starts: a device's first call activates it and loads its model, which may
/// take seconds, and no task's time-out should pay for that. A device that does not wake is reported and left to the
/// fault method, like any device that fails later.
/// </summary>
internal static class DeviceWake
{
    /// <summary>How long a device may take to wake.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Pings every one of <paramref name="devices"/> at once; those that do not answer in time are reported to <paramref name="monitor"/>.</summary>
    public static Task WakeAsync(IDeviceLink link, IDeviceMonitorGrain monitor, string jobId, IEnumerable<DeviceProfile> devices, TimeProvider time) =>
        Task.WhenAll(devices.Select(async profile =>
        {
            try
            {
                await link.PingAsync(profile).WaitAsync(Timeout, time);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException or InvalidOperationException)
            {
                await monitor.ReportSuspectAsync(profile.Id, $"job {jobId}: did not wake within {Timeout.TotalSeconds:F0} s");
            }
        }));
}
