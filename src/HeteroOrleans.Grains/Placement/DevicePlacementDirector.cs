using Orleans.Runtime.Placement;

namespace HeteroOrleans.Grains.Placement;

/// <summary>Pins a device grain to the silo that declares its key, among the silos its tier filter left.</summary>
internal sealed class DevicePlacementDirector(SiloDeviceDirectory directory, IGrainTiers tiers) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var deviceId = target.GrainIdentity.Key.ToString()!;
        var candidates = context.GetCompatibleSilos(target).ToList();
        if (candidates.FirstOrDefault(silo => directory.Of(silo).DeviceIds.Contains(deviceId)) is { } host)
        {
            return Task.FromResult(host);
        }

        // The tier is the grain type's filter's: name it, so the user knows which silo config lacks the device.
        var tier = tiers.Of(target.GrainIdentity.Type);
        throw new OrleansException(
            $"Device '{deviceId}' of tier {tier} cannot be activated: no active silo of tier {tier} declares it " +
            $"({candidates.Count} active {tier} silo(s)). Add it to the Devices of a {tier} silo config.");
    }
}
