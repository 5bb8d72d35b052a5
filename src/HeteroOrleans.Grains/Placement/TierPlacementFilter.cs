using HeteroOrleans.Grains.Silos;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace HeteroOrleans.Grains.Placement;

/// <summary>Leaves the silos whose declared tiers include the grain's (<see cref="TierFilterStrategy"/>).</summary>
internal sealed class TierPlacementFilter(SiloDeviceDirectory directory) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var tier = ((TierFilterStrategy)filterStrategy).Tier;
        return silos.Where(silo => directory.Of(silo).Tiers.Contains(tier));
    }
}
