namespace HeteroOrleans.Grains.Privacy;

/// <summary>The codec's encoding for each precision a job may ask for.</summary>
public static class FeatureEncodings
{
    /// <summary>The codec's encoding of <paramref name="precision"/>.</summary>
    public static FeatureEncoding Of(FeaturePrecision precision) => precision switch
    {
        FeaturePrecision.Fp32 => FeatureEncoding.Fp32,
        FeaturePrecision.Fp16 => FeatureEncoding.Fp16,
        FeaturePrecision.Int8 => FeatureEncoding.Int8,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a feature precision."),
    };
}
