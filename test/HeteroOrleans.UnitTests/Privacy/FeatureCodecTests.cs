namespace HeteroOrleans.UnitTests.Privacy;

public sealed class FeatureCodecTests
{
    private static readonly int[] Dims = [3, 4, 4];

    [Theory]
    [InlineData(FeatureEncoding.Fp32)]
    [InlineData(FeatureEncoding.Fp16)]
    [InlineData(FeatureEncoding.Int8)]
    public void Each_encoding_takes_its_stated_bytes_and_gives_back_the_values_within_its_rounding(FeatureEncoding encoding)
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 2 * 48).Select(i => (float)(random.NextDouble() * (i % 16 + 1))).ToArray();

        var bytes = FeatureCodec.Encode(values, 2, Dims, encoding);
        var back = FeatureCodec.Decode(bytes, 2, Dims, encoding);

        Assert.Equal(2 * FeatureCodec.BytesPerImage(Dims, encoding), bytes.Length);
        for (var i = 0; i < values.Length; i++)
        {
            // Int8: half a step of the channel's range over 255 levels; fp16: 11 significant bits.
            var channel = values.AsSpan(i / 16 * 16, 16).ToArray();
            var tolerance = encoding switch
            {
                FeatureEncoding.Fp32 => 0,
                FeatureEncoding.Fp16 => Math.Abs(values[i]) / 1024,
                _ => (channel.Max() - channel.Min()) / 255 / 2 * 1.001,
            };
            Assert.InRange(back[i], values[i] - tolerance, values[i] + tolerance);
        }
    }

    [Fact]
    public void Int8_keeps_a_constant_channel_and_the_ends_of_each_channel_exactly()
    {
        float[] values = [.. Enumerable.Repeat(2.5f, 16), .. Enumerable.Range(0, 16).Select(i => i * 0.3f), .. Enumerable.Range(0, 16).Select(i => -i * 7f)];

        var back = FeatureCodec.Decode(FeatureCodec.Encode(values, 1, Dims, FeatureEncoding.Int8), 1, Dims, FeatureEncoding.Int8);

        Assert.All(back.Take(16), v => Assert.Equal(2.5f, v));
        Assert.Equal(0f, back[16]);
        Assert.Equal(4.5f, back[31], 4);
        Assert.Equal(-105f, back[47], 3);
    }

    [Fact]
    public void Data_that_does_not_fit_the_shape_is_refused_with_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureCodec.Decode(new byte[100], 1, Dims, FeatureEncoding.Int8));

        Assert.Contains("100 feature bytes", error.Message);
        Assert.Contains($"{FeatureCodec.BytesPerImage(Dims, FeatureEncoding.Int8)} bytes", error.Message);
    }

    [Fact]
    public void Pooled_features_are_quantised_as_one_channel_so_int8_never_costs_more_than_fp32()
    {
        int[] pooled = [64, 1, 1];

        Assert.Equal(64 + 8, FeatureCodec.BytesPerImage(pooled, FeatureEncoding.Int8));
        Assert.True(FeatureCodec.BytesPerImage(pooled, FeatureEncoding.Int8) < FeatureCodec.BytesPerImage(pooled, FeatureEncoding.Fp32));
    }
}
