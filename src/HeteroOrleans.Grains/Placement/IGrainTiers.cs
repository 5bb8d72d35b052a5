namespace HeteroOrleans.Grains.Placement;

/// <summary>The tier each grain type is kept to, for messages that name it.</summary>
internal interface IGrainTiers
{
    /// <summary>The tier of <paramref name="grainType"/>'s filter; null for a type without one.</summary>
    Tier? Of(GrainType grainType);
}
