namespace HeteroOrleans.Contracts.Jobs;

/// <summary>How many devices of each tier a job may use (the first N by id); null means all available.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceLimits(
    [property: Id(0)] int? End = null,
    [property: Id(1)] int? Edge = null,
    [property: Id(2)] int? Cloud = null)
{
    /// <summary>No limit on any tier.</summary>
    public static DeviceLimits None { get; } = new();

    /// <summary>The limit for <paramref name="tier"/>.</summary>
    public int? For(Tier tier) => tier switch { Tier.End => End, Tier.Edge => Edge, _ => Cloud };
}
