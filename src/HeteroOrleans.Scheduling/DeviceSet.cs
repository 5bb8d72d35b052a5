namespace HeteroOrleans.Scheduling;

/// <summary>The device ids a job may use, per tier, each list in assignment order.</summary>
public sealed record DeviceSet(IReadOnlyList<string> End, IReadOnlyList<string> Edge, IReadOnlyList<string> Cloud)
{
    /// <summary>A set with no devices.</summary>
    public static DeviceSet Empty { get; } = new([], [], []);

    /// <summary>The devices of <paramref name="tier"/>.</summary>
    public IReadOnlyList<string> Of(Tier tier) => tier switch
    {
        Tier.End => End,
        Tier.Edge => Edge,
        _ => Cloud,
    };

    /// <summary>This set with <paramref name="id"/> added last to <paramref name="tier"/>'s devices.</summary>
    public DeviceSet With(Tier tier, string id) => tier switch
    {
        Tier.End => this with { End = [.. End, id] },
        Tier.Edge => this with { Edge = [.. Edge, id] },
        _ => this with { Cloud = [.. Cloud, id] },
    };

    /// <summary>The devices of the <paramref name="tiers"/>, tier by tier.</summary>
    public IReadOnlyList<string> Of(IEnumerable<Tier> tiers) => [.. tiers.SelectMany(Of)];

    /// <summary>The set of the <paramref name="profiles"/>, each tier's in id order.</summary>
    public static DeviceSet Of(IEnumerable<DeviceProfile> profiles)
    {
        var list = profiles.ToList();
        string[] Ids(Tier tier) => [.. list.Where(p => p.Tier == tier).Select(p => p.Id).Order(StringComparer.Ordinal)];
        return new DeviceSet(Ids(Tier.End), Ids(Tier.Edge), Ids(Tier.Cloud));
    }
}
