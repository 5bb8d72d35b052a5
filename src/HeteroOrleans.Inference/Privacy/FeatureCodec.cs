using System.Buffers.Binary;

namespace HeteroOrleans.Inference.Privacy;

/// <summary>
/// Encodes a cut tensor for the link: fp32, fp16 at half the bytes, or 8-bit at a quarter plus eight bytes a channel.
/// </summary>
/// <remarks>
/// Int8 quantises each image's channel on its own: it stores the channel's least value and the step between its 256
/// levels, then one byte a value. A channel of a post-ReLU tensor starts at 0, so all 256 levels go to what it holds;
/// one scale for the whole tensor would spend them on the widest channel.
/// </remarks>
public static class FeatureCodec
{
    private const int ChannelHeaderBytes = 2 * sizeof(float);
    private const int Levels = 255;

    /// <summary>Bytes one image's tensor of shape <paramref name="dims"/> takes in <paramref name="encoding"/>.</summary>
    public static long BytesPerImage(IReadOnlyList<int> dims, FeatureEncoding encoding)
    {
        var (channels, plane) = Layout(dims);
        return encoding switch
        {
            FeatureEncoding.Fp32 => (long)channels * plane * sizeof(float),
            FeatureEncoding.Fp16 => (long)channels * plane * 2,
            _ => (long)channels * (plane + ChannelHeaderBytes),
        };
    }

    /// <summary>The bytes of <paramref name="count"/> images' values, each image of shape <paramref name="dims"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<float> values, int count, IReadOnlyList<int> dims, FeatureEncoding encoding)
    {
        var bytes = new byte[count * BytesPerImage(dims, encoding)];
        switch (encoding)
        {
            case FeatureEncoding.Fp32:
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
                }

                break;
            case FeatureEncoding.Fp16:
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * 2), (Half)values[i]);
                }

                break;
            default:
                Quantise(values, count, dims, bytes);
                break;
        }

        return bytes;
    }

    /// <summary>The values of <paramref name="count"/> images encoded in <paramref name="data"/>, each of shape <paramref name="dims"/>.</summary>
    /// <exception cref="ArgumentException">The data's length does not fit the count, shape and encoding.</exception>
    public static float[] Decode(ReadOnlySpan<byte> data, int count, IReadOnlyList<int> dims, FeatureEncoding encoding)
    {
        var expected = count * BytesPerImage(dims, encoding);
        if (data.Length != expected)
        {
            throw new ArgumentException(
                $"{data.Length} feature bytes do not make {count} image(s) of [{string.Join(",", dims)}] in {encoding} ({expected} bytes).");
        }

        var (channels, plane) = Layout(dims);
        var values = new float[count * channels * plane];
        switch (encoding)
        {
            case FeatureEncoding.Fp32:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * sizeof(float))..]);
                }

                break;
            case FeatureEncoding.Fp16:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data[(i * 2)..]);
                }

                break;
            default:
                Dequantise(data, count * channels, plane, values);
                break;
        }

        return values;
    }

    private static void Quantise(ReadOnlySpan<float> values, int count, IReadOnlyList<int> dims, Span<byte> bytes)
    {
        var (channels, plane) = Layout(dims);
        for (var c = 0; c < count * channels; c++)
        {
            var channel = values.Slice(c * plane, plane);
            var (least, greatest) = (float.PositiveInfinity, float.NegativeInfinity);
            foreach (var v in channel)
            {
                least = MathF.Min(least, v);
                greatest = MathF.Max(greatest, v);
            }

            var step = (greatest - least) / Levels;
            var block = bytes.Slice(c * (plane + ChannelHeaderBytes), plane + ChannelHeaderBytes);
            BinaryPrimitives.WriteSingleLittleEndian(block, least);
            BinaryPrimitives.WriteSingleLittleEndian(block[sizeof(float)..], step);
            var levels = block[ChannelHeaderBytes..];
            for (var i = 0; i < plane; i++)
            {
                levels[i] = step > 0 ? (byte)Math.Clamp(MathF.Round((channel[i] - least) / step), 0, Levels) : (byte)0;
            }
        }
    }

    private static void Dequantise(ReadOnlySpan<byte> data, int channels, int plane, Span<float> values)
    {
        for (var c = 0; c < channels; c++)
        {
            var block = data.Slice(c * (plane + ChannelHeaderBytes), plane + ChannelHeaderBytes);
            var least = BinaryPrimitives.ReadSingleLittleEndian(block);
            var step = BinaryPrimitives.ReadSingleLittleEndian(block[sizeof(float)..]);
            var levels = block[ChannelHeaderBytes..];
            var channel = values.Slice(c * plane, plane);
            for (var i = 0; i < plane; i++)
            {
                channel[i] = least + levels[i] * step;
            }
        }
    }

    // A tensor of rank two or more is channels × the rest. A flat vector, or channels of a few values each (pooled
    // features), is quantised as one channel: eight bytes of header for so few values would cost more than fp32.
    private static (int Channels, int Plane) Layout(IReadOnlyList<int> dims)
    {
        const int leastPlane = 16;
        var elements = dims.Aggregate(1, (a, b) => a * b);
        return dims.Count >= 2 && elements / dims[0] >= leastPlane ? (dims[0], elements / dims[0]) : (1, elements);
    }
}
