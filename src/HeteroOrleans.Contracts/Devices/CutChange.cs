namespace HeteroOrleans.Contracts.Devices;

/// <summary>
/// A running job or stream moving an untrusted device's cut because the device's measured link, or the trusted side's
/// measured speed, moved the best one.
/// </summary>
/// <param name="AtUtc">When new tasks began to use the new cut (tasks in flight finish on the old one).</param>
/// <param name="DeviceId">The untrusted device.</param>
/// <param name="From">The tensor cut at before.</param>
/// <param name="To">The tensor cut at from then on.</param>
/// <param name="BandwidthMbps">The link's measured bandwidth that chose <paramref name="To"/>; 0 unlimited.</param>
/// <param name="TrustedMsPerImage">
/// The trusted devices' measured time per image of their own model (their median) that chose <paramref name="To"/>,
/// when their load moved the cut; 0 when their speed was as planned.
/// </param>
[GenerateSerializer, Immutable]
public sealed record CutChange(
    [property: Id(0)] DateTimeOffset AtUtc,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] string From,
    [property: Id(3)] string To,
    [property: Id(4)] double BandwidthMbps,
    [property: Id(5)] double TrustedMsPerImage = 0);
