namespace HeteroOrleans.Grains.Devices;

/// <summary>An end device, activated only on the End-tier silo that declares it.</summary>
[TierFilter(Tier.End), DevicePlacement]
public sealed class EndDeviceGrain(DeviceHost host) : ComputeDeviceGrain(host, Tier.End), IEndDeviceGrain;
