namespace HeteroOrleans.Hosting.Emulation;

/// <summary>Which models the demo's devices run.</summary>
public enum ModelPreset
{
    /// <summary>The models the silo configs name: compact networks that classify 10,000 images in seconds here.</summary>
    Config,

    /// <summary>The paper's networks: MobileNet v1 α=0.5 on end devices, ResNet-34 on edges, WRN-28-10 on the cloud.</summary>
    Paper,
}

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
