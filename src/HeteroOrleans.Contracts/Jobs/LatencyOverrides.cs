namespace HeteroOrleans.Contracts.Jobs;

/// <summary>Round-trip link latencies that replace the device profiles' for one job; null keeps the profile's.</summary>
[GenerateSerializer, Immutable]
public sealed record LatencyOverrides(
    [property: Id(0)] TimeSpan? End = null,
    [property: Id(1)] TimeSpan? Edge = null,
    [property: Id(2)] TimeSpan? Cloud = null)
{
    /// <summary>Keep every profile's latency.</summary>
    public static LatencyOverrides None { get; } = new();

    /// <summary>The override for <paramref name="tier"/>.</summary>
    public TimeSpan? For(Tier tier) => tier switch { Tier.End => End, Tier.Edge => Edge, _ => Cloud };
}
