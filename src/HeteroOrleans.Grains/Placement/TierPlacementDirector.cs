using HeteroOrleans.Grains.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace HeteroOrleans.Grains.Placement;

/// <summary>Chooses a silo for grains with <see cref="TierPlacementStrategy"/> from the tiers and devices in silo metadata.</summary>
internal sealed class TierPlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var tierStrategy = (TierPlacementStrategy)strategy;
        var tier = tierStrategy.Tier;
        var candidates = context.GetCompatibleSilos(target)
            .Select(silo => (Silo: silo, Tags: SiloDeviceMetadata.Read(metadata.GetSiloMetadata(silo))))
            .Where(c => c.Tags.Tiers.Contains(tier))
            .ToList();

        if (tierStrategy.PinnedToDevice)
        {
            var deviceId = target.GrainIdentity.Key.ToString();
            var host = candidates.FirstOrDefault(c => c.Tags.DeviceIds.Contains(deviceId));
            return host.Silo is not null
                ? Task.FromResult(host.Silo)
                : throw new OrleansException(
                    $"Device '{deviceId}' of tier {tier} cannot be activated: no active silo of tier {tier} declares it " +
                    $"({candidates.Count} active {tier} silo(s)). Add it to the 'devices' of a {tier} silo config.");
        }

        if (candidates.Count == 0)
        {
            throw new OrleansException(
                $"Grain {target.GrainIdentity} needs a silo of tier {tier}, and no active silo is tagged {tier}.");
        }

        // Keep the activation next to its caller when the caller's silo qualifies.
        var local = candidates.FirstOrDefault(c => c.Silo.Equals(context.LocalSilo));
        return Task.FromResult(local.Silo ?? candidates[Random.Shared.Next(candidates.Count)].Silo);
    }
}
