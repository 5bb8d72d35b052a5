using Orleans.Runtime.Placement.Filtering;

namespace HeteroOrleans.Grains.Placement;

/// <summary>Each grain type's tier, as its <see cref="TierFilterStrategy"/> says.</summary>
internal sealed class FilterGrainTiers(PlacementFilterStrategyResolver filters) : IGrainTiers
{
    public Tier? Of(GrainType grainType) => filters.GetPlacementFilterStrategies(grainType).OfType<TierFilterStrategy>().FirstOrDefault()?.Tier;
}
