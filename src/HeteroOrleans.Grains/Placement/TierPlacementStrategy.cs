using HeteroOrleans.Contracts;
using Orleans.Metadata;

namespace HeteroOrleans.Grains.Placement;

/// <summary>
/// Places a grain only on a silo tagged with <see cref="Tier"/>; when <see cref="PinnedToDevice"/> is set, only on
/// the silo that declares the device named by the grain's key.
/// </summary>
/// <remarks>
/// Orleans resolves one strategy instance per grain type and initialises it from that type's properties, so this
/// class must be registered as transient: a shared instance would take the tier of whichever type came last.
/// </remarks>
[GenerateSerializer]
public sealed class TierPlacementStrategy : PlacementStrategy
{
    private const string TierProperty = "hetero.placement.tier";
    private const string PinnedProperty = "hetero.placement.pinned";

    /// <summary>Used by the runtime, which then calls <see cref="Initialize"/>.</summary>
    public TierPlacementStrategy()
    {
    }

    /// <summary>A strategy for <paramref name="tier"/>.</summary>
    public TierPlacementStrategy(Tier tier, bool pinnedToDevice)
    {
        Tier = tier;
        PinnedToDevice = pinnedToDevice;
    }

    /// <summary>The tier a compatible silo must be tagged with.</summary>
    [Id(0)]
    public Tier Tier { get; private set; }

    /// <summary>Whether the grain's key is a device id that only its declaring silo may host.</summary>
    [Id(1)]
    public bool PinnedToDevice { get; private set; }

    /// <inheritdoc />
    public override void Initialize(GrainProperties properties)
    {
        base.Initialize(properties);
        if (properties.Properties.TryGetValue(TierProperty, out var tier))
        {
            Tier = Enum.Parse<Tier>(tier);
        }

        if (properties.Properties.TryGetValue(PinnedProperty, out var pinned))
        {
            PinnedToDevice = bool.Parse(pinned);
        }
    }

    /// <inheritdoc />
    public override void PopulateGrainProperties(IServiceProvider services, Type grainClass, GrainType grainType, Dictionary<string, string> properties)
    {
        base.PopulateGrainProperties(services, grainClass, grainType, properties);
        properties[TierProperty] = Tier.ToString();
        properties[PinnedProperty] = PinnedToDevice.ToString();
    }
}
