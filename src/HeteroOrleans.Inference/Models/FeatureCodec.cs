using System.Buffers.Binary;

namespace HeteroOrleans.Inference.Models;

/// <summary>Encodes encryption-head outputs for the link: little-endian fp32, or fp16 at half the bytes.</summary>
public static class FeatureCodec
{
    /// <summary>The bytes of <paramref name="values"/>: fp16 when <paramref name="half"/>, fp32 otherwise.</summary>
    public static byte[] Encode(ReadOnlySpan<float> values, bool half)
    {
        if (!half)
        {
            var bytes = new byte[values.Length * sizeof(float)];
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
            }

            return bytes;
        }

        var halves = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(halves.AsSpan(i * 2), (Half)values[i]);
        }

        return halves;
    }

    /// <summary>The values encoded in <paramref name="data"/> (fp16 when <paramref name="half"/>).</summary>
    public static float[] Decode(ReadOnlySpan<byte> data, bool half)
    {
        var size = half ? 2 : sizeof(float);
        var values = new float[data.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = half
                ? (float)BinaryPrimitives.ReadHalfLittleEndian(data.Slice(i * size))
                : BinaryPrimitives.ReadSingleLittleEndian(data.Slice(i * size));
        }

        return values;
    }
}
