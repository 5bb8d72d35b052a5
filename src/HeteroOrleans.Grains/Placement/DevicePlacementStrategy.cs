namespace HeteroOrleans.Grains.Placement;

/// <summary>
/// Places a device grain on the silo that declares the device its key names, and nowhere else: a device never
/// wanders, and when its silo is gone, so is the device.
/// </summary>
[GenerateSerializer]
public sealed class DevicePlacementStrategy : PlacementStrategy;
