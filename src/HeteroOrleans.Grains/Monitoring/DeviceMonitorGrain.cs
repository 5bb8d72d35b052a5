using HeteroOrleans.Contracts.Monitoring;
using HeteroOrleans.Grains.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace HeteroOrleans.Grains.Monitoring;

/// <summary>
/// Lists the devices of the cluster from Orleans membership and silo metadata: every active silo declares
/// its devices, so a silo that is declared dead takes its devices off the list.
/// </summary>
public sealed class DeviceMonitorGrain(IClusterMembershipService membership, ISiloMetadataCache metadata)
    : Grain, IDeviceMonitorGrain
{
    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceRegistration>> GetDevicesAsync()
    {
        IReadOnlyList<DeviceRegistration> devices = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .SelectMany(member => SiloDeviceMetadata.Read(metadata.GetSiloMetadata(member.SiloAddress)).Devices
                .Select(profile => new DeviceRegistration(profile, member.SiloAddress.ToString())))
            .OrderBy(d => d.Profile.Tier)
            .ThenBy(d => d.Profile.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(devices);
    }
}
