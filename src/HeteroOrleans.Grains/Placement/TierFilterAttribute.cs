using Orleans.Placement;

namespace HeteroOrleans.Grains.Placement;

/// <summary>Activates the grain only on a silo tagged with <paramref name="tier"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TierFilterAttribute(Tier tier) : PlacementFilterAttribute(new TierFilterStrategy(tier));
