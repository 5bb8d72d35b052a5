using System.Buffers.Binary;
using HeteroOrleans.Contracts.Devices;

namespace HeteroOrleans.Inference.Models;

/// <summary>Encodes encryption-head outputs for the link: little-endian fp32, or fp16 at half the bytes.</summary>
public static class FeatureCodec
{
    /// <summary>The bytes of <paramref name="values"/> in <paramref name="precision"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<float> values, FeaturePrecision precision)
    {
        if (precision == FeaturePrecision.Fp32)
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

    /// <summary>The values encoded in <paramref name="data"/>.</summary>
    public static float[] Decode(ReadOnlySpan<byte> data, FeaturePrecision precision)
    {
        var size = precision == FeaturePrecision.Fp32 ? sizeof(float) : 2;
        var values = new float[data.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = precision == FeaturePrecision.Fp32
                ? BinaryPrimitives.ReadSingleLittleEndian(data.Slice(i * size))
                : (float)BinaryPrimitives.ReadHalfLittleEndian(data.Slice(i * size));
        }

        return values;
    }
}
