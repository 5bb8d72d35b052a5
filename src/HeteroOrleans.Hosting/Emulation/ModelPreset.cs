namespace HeteroOrleans.Hosting.Emulation;

/// <summary>Which models the demo's devices run.</summary>
public enum ModelPreset
{
    /// <summary>The models the silo configs name: compact networks that classify 10,000 images in seconds here.</summary>
    Config,

    /// <summary>The paper's networks: MobileNet v1 α=0.5 on end devices, ResNet-34 on edges, WRN-28-10 on the cloud.</summary>
    Paper,
}
