using Orleans.Metadata;
using Orleans.Placement;

namespace HeteroOrleans.Grains.Placement;

/// <summary>Keeps a grain to silos tagged with <see cref="Tier"/>; the grain's placement then picks among them.</summary>
/// <remarks>
/// Orleans resolves one filter instance per grain type and initialises it from that type's properties, so this class
/// is registered as transient: a shared instance would take the tier of whichever type came last.
/// </remarks>
public sealed class TierFilterStrategy : PlacementFilterStrategy
{
    private const string TierProperty = "tier";

    /// <summary>Used by the runtime, which then initialises the tier from the grain type's properties.</summary>
    public TierFilterStrategy()
        : base(order: 0)
    {
    }

    /// <summary>A filter for <paramref name="tier"/>.</summary>
    public TierFilterStrategy(Tier tier)
        : this() => Tier = tier;

    /// <summary>The tier a silo must be tagged with.</summary>
    public Tier Tier { get; private set; }

    /// <inheritdoc />
    public override void AdditionalInitialize(GrainProperties properties) =>
        Tier = Enum.Parse<Tier>(GetPlacementFilterGrainProperty(TierProperty, properties)
                                ?? throw new InvalidOperationException($"Grain properties lack the placement filter's '{TierProperty}'."));

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> GetAdditionalGrainProperties(
        IServiceProvider services, Type grainClass, GrainType grainType, IReadOnlyDictionary<string, string> existingProperties)
    {
        yield return new(TierProperty, Tier.ToString());
    }
}
