namespace HeteroOrleans.Contracts.Devices;

/// <summary>A device that joined the cluster while a job ran, added to the job's plan.</summary>
/// <param name="AtUtc">When the job added it: its next stages could go to it from then on.</param>
/// <param name="DeviceId">The device.</param>
/// <param name="Tier">Its tier.</param>
/// <param name="FirstWorkUtc">When the job first sent it work; null while it has sent none.</param>
[GenerateSerializer, Immutable]
public sealed record DeviceJoin(
    [property: Id(0)] DateTimeOffset AtUtc,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] Tier Tier,
    [property: Id(3)] DateTimeOffset? FirstWorkUtc = null);
