namespace HeteroOrleans.Grains.Devices;

/// <summary>The cloud, activated only on the Cloud-tier silo that declares it.</summary>
[TierFilter(Tier.Cloud), DevicePlacement]
public sealed class CloudGrain(DeviceHost host) : ComputeDeviceGrain(host, Tier.Cloud), ICloudGrain;
