using System.IO.Compression;
using System.IO.Hashing;

namespace HeteroOrleans.Tests.Serving;

/// <summary>Small PNG files made in memory: a real picture, and a header that claims a huge one.</summary>
internal static class TestPictures
{
    /// <summary>A <paramref name="width"/>×<paramref name="height"/> RGB gradient, base64-encoded.</summary>
    public static string PngBase64(int width, int height)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                raw.Write([(byte)(x * 7), (byte)(y * 5), 128]);
            }
        }

        return Convert.ToBase64String(Png(width, height, raw.ToArray()));
    }

    /// <summary>A PNG whose header says <paramref name="width"/>×<paramref name="height"/> over a few bytes of data.</summary>
    public static string PngHeaderOnlyBase64(int width, int height) => Convert.ToBase64String(Png(width, height, new byte[1000]));

    private static byte[] Png(int width, int height, byte[] raw)
    {
        var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 2);
        Chunk(file, "IHDR", header);
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        Chunk(file, "IDAT", compressed.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        file.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typed));
        file.Write(crc);
    }
}
