namespace HeteroOrleans.Hosting.Emulation;

/// <summary>The model ids of each preset.</summary>
public static class ModelPresets
{
    /// <summary>The model per tier of <paramref name="preset"/>, or null when the silo configs decide.</summary>
    public static IReadOnlyDictionary<Tier, string>? ModelsOf(ModelPreset preset) => preset switch
    {
        ModelPreset.Paper => new Dictionary<Tier, string>
        {
            [Tier.End] = "mobilenet-v1-0.5",
            [Tier.Edge] = "resnet-34",
            [Tier.Cloud] = "wrn-28-10",
        },
        _ => null,
    };
}
