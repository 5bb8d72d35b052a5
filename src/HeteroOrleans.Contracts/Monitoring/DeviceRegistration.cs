using HeteroOrleans.Contracts.Devices;

namespace HeteroOrleans.Contracts.Monitoring;

/// <summary>A device known to the cluster and the active silo that hosts it.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceRegistration(
    [property: Id(0)] DeviceProfile Profile,
    [property: Id(1)] string SiloAddress);
