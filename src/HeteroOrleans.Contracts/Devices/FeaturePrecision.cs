namespace HeteroOrleans.Contracts.Devices;

/// <summary>How encryption-head outputs travel.</summary>
public enum FeaturePrecision
{
    /// <summary>32-bit floats: exact.</summary>
    Fp32,

    /// <summary>16-bit floats: half the bytes on the link, a small rounding of the features.</summary>
    Fp16,

    /// <summary>8 bits a value, scaled per image and channel: about a quarter of the bytes; the accuracy change is measured, not assumed.</summary>
    Int8,
}
