namespace HeteroOrleans.Contracts.Devices;

/// <summary>
/// The emulated network link between a device and the task assigner.
/// </summary>
/// <param name="RoundTripLatencyMs">Round-trip latency in milliseconds (sending plus receiving, as the paper counts it).</param>
/// <param name="BandwidthMbps">Bandwidth in megabits per second; 0 means unlimited.</param>
[GenerateSerializer, Immutable]
public sealed record LinkProfile(
    [property: Id(0)] double RoundTripLatencyMs,
    [property: Id(1)] double BandwidthMbps)
{
    /// <summary>A link with no latency and unlimited bandwidth (a device on the assigner itself).</summary>
    public static LinkProfile Local { get; } = new(0, 0);
}
