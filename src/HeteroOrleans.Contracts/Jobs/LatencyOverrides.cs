namespace HeteroOrleans.Contracts.Jobs;

/// <summary>Round-trip link latencies, in milliseconds, that replace the device profiles' for one job; null keeps the profile's.</summary>
[GenerateSerializer, Immutable]
public sealed record LatencyOverrides(
    [property: Id(0)] double? EndMs = null,
    [property: Id(1)] double? EdgeMs = null,
    [property: Id(2)] double? CloudMs = null)
{
    /// <summary>Keep every profile's latency.</summary>
    public static LatencyOverrides None { get; } = new();

    /// <summary>The override for <paramref name="tier"/>.</summary>
    public double? For(Tier tier) => tier switch { Tier.End => EndMs, Tier.Edge => EdgeMs, _ => CloudMs };
}
