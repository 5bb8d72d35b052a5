using Orleans.Placement;
using HeteroOrleans.Contracts;

namespace HeteroOrleans.Grains.Placement;

/// <summary>Activates the grain only on a silo tagged with <paramref name="tier"/> (any such silo).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TierPlacementAttribute(Tier tier) : PlacementAttribute(new TierPlacementStrategy(tier, pinnedToDevice: false));
