namespace HeteroOrleans.Contracts.Monitoring;

/// <summary>What changed in the device monitor's list since a version a caller last saw.</summary>
/// <param name="Version">The list's version now: pass it to the next call.</param>
/// <param name="Complete">True when <paramref name="Devices"/> is the whole list (the caller's version was too old, or none), not only changes.</param>
/// <param name="Devices">Each device whose registration changed since that version, as it is now; every device when complete.</param>
[GenerateSerializer, Immutable]
public sealed record DeviceChanges(
    [property: Id(0)] long Version,
    [property: Id(1)] bool Complete,
    [property: Id(2)] IReadOnlyList<DeviceRegistration> Devices);
