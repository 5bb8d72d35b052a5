namespace HeteroOrleans.Contracts.Devices;

/// <summary>A device's link as a silo's calls to it have seen it behave.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="RoundTripMs">Round-trip latency from small transfers; NaN until one was timed.</param>
/// <param name="BandwidthMbps">Bandwidth from large transfers; 0 unlimited, NaN until one was timed.</param>
/// <param name="Samples">Transfers timed.</param>
/// <param name="Changes">Changes of bandwidth detected.</param>
/// <param name="ChangedUtc">When the last change was detected; null when none was.</param>
/// <param name="Configured">The link the device's config gives it.</param>
[GenerateSerializer, Immutable]
public sealed record MeasuredLink(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] double RoundTripMs,
    [property: Id(2)] double BandwidthMbps,
    [property: Id(3)] long Samples,
    [property: Id(4)] int Changes,
    [property: Id(5)] DateTimeOffset? ChangedUtc,
    [property: Id(6)] LinkProfile Configured);
