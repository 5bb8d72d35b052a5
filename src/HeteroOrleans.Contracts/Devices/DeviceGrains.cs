namespace HeteroOrleans.Contracts.Devices;

/// <summary>Gets the grain of a device from its tier and id.</summary>
public static class DeviceGrains
{
    /// <summary>The grain of device <paramref name="id"/> of <paramref name="tier"/>.</summary>
    public static IComputeDeviceGrain GetDevice(this IGrainFactory grains, Tier tier, string id) => tier switch
    {
        Tier.End => grains.GetGrain<IEndDeviceGrain>(id),
        Tier.Edge => grains.GetGrain<IEdgeGrain>(id),
        Tier.Cloud => grains.GetGrain<ICloudGrain>(id),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown tier."),
    };
}
