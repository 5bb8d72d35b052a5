namespace HeteroOrleans.Inference.Cifar;

/// <summary>What happens to images when the data a deployment sees drifts from what its models were fitted on.</summary>
public enum Corruption
{
    /// <summary>Pixel noise: each value moved by a random amount, as a poor sensor in low light does.</summary>
    Noise,

    /// <summary>A box blur, as an out-of-focus or moving camera gives.</summary>
    Blur,

    /// <summary>Contrast cut to a third around each image's mean, as fog or a washed-out exposure gives.</summary>
    Contrast,
}
