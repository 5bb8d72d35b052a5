using Orleans.Placement;

namespace HeteroOrleans.Grains.Placement;

/// <summary>Activates a device grain only on the silo that declares the device (its key).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class DevicePlacementAttribute() : PlacementAttribute(new DevicePlacementStrategy());
