namespace HeteroOrleans.Client;

/// <summary>
/// Reads images to classify: PNG, JPEG and the other formats SkiaSharp decodes, of any size, or CIFAR-100 binary
/// records. A picture is brought to 32×32 by <see cref="Pictures"/>.
/// </summary>
public static class ImageFiles
{
    /// <summary>The images of <paramref name="paths"/>, in order (a CIFAR file gives all its records); their labels are unknown (0).</summary>
    /// <exception cref="ArgumentException">A file is missing, empty, or neither an image nor CIFAR-100 records; the message names it.</exception>
    public static CifarDataset Load(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new ArgumentException("No image given: name one or more PNG, JPEG or CIFAR-100 .bin files.");
        }

        var pixels = new List<byte>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new ArgumentException($"{path}: no such file.");
            }

            if (string.Equals(Path.GetExtension(path), ".bin", StringComparison.OrdinalIgnoreCase))
            {
                var records = CifarReader.Read(path);
                for (var i = 0; i < records.Count; i++)
                {
                    pixels.AddRange(records.Image(i).ToArray());
                }
            }
            else
            {
                try
                {
                    pixels.AddRange(Decode(path));
                }
                catch (ArgumentException e) when (e.Message.EndsWith(Pictures.Unreadable, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"{e.Message.TrimEnd('.')}, nor a CIFAR-100 .bin file.", e);
                }
            }
        }

        var count = pixels.Count / CifarDataset.ImageBytes;
        return new CifarDataset($"{paths.Count} file(s): {string.Join(", ", paths.Take(3).Select(Path.GetFileName))}{(paths.Count > 3 ? ", …" : "")}",
            [.. pixels], new byte[count], new byte[count]);
    }

    /// <summary>One picture as CIFAR-layout pixels: the red plane, then green, then blue, 32×32 each.</summary>
    /// <exception cref="ArgumentException">The file is not an image SkiaSharp can decode, or is too large to decode.</exception>
    public static byte[] Decode(string path) => Pictures.Decode(File.ReadAllBytes(path), path);
}
