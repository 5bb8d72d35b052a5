namespace HeteroOrleans.Inference.Privacy;

/// <summary>How a cut tensor's values are written for the link.</summary>
public enum FeatureEncoding
{
    /// <summary>Little-endian 32-bit floats: exact.</summary>
    Fp32,

    /// <summary>Little-endian 16-bit floats: half the bytes, values rounded to 11 significant bits.</summary>
    Fp16,

    /// <summary>One byte a value, quantised per image and channel between the channel's least and greatest value.</summary>
    Int8,
}
