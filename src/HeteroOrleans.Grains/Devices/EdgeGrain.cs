namespace HeteroOrleans.Grains.Devices;

/// <summary>An edge device, activated only on the Edge-tier silo that declares it.</summary>
[TierFilter(Tier.Edge), DevicePlacement]
public sealed class EdgeGrain(DeviceHost host) : ComputeDeviceGrain(host, Tier.Edge), IEdgeGrain;
