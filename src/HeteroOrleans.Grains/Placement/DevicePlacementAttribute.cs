using Orleans.Placement;
using HeteroOrleans.Contracts;

namespace HeteroOrleans.Grains.Placement;

/// <summary>
/// Activates a device grain only on the silo of <paramref name="tier"/> that declares the device (its key).
/// A device never wanders: when that silo is gone, so is the device.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class DevicePlacementAttribute(Tier tier) : PlacementAttribute(new TierPlacementStrategy(tier, pinnedToDevice: true));
