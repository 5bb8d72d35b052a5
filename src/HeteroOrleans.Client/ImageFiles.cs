using SkiaSharp;

namespace HeteroOrleans.Client;

/// <summary>
/// Reads images to classify: PNG, JPEG and the other formats SkiaSharp decodes, of any size, or CIFAR-100 binary
/// records. A picture is brought to 32×32 the usual way (its shorter side scaled to 32, then the centre cropped) with
/// Mitchell cubic sampling.
/// </summary>
public static class ImageFiles
{
    private const int Side = 32;

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
                pixels.AddRange(Decode(path));
            }
        }

        var count = pixels.Count / CifarDataset.ImageBytes;
        return new CifarDataset($"{paths.Count} file(s): {string.Join(", ", paths.Take(3).Select(Path.GetFileName))}{(paths.Count > 3 ? ", …" : "")}",
            [.. pixels], new byte[count], new byte[count]);
    }

    /// <summary>One picture as CIFAR-layout pixels: the red plane, then green, then blue, 32×32 each.</summary>
    /// <exception cref="ArgumentException">The file is not an image SkiaSharp can decode.</exception>
    public static byte[] Decode(string path)
    {
        using var decoded = SKBitmap.Decode(path)
            ?? throw new ArgumentException($"{path}: not an image that can be read (PNG, JPEG, GIF, BMP, WebP), nor a CIFAR-100 .bin file.");
        if (decoded.Width <= 0 || decoded.Height <= 0)
        {
            throw new ArgumentException($"{path}: the image is empty.");
        }

        // Shorter side to 32, then the centre: what CIFAR-style models expect of a photo of another size.
        var scale = (double)Side / Math.Min(decoded.Width, decoded.Height);
        var (width, height) = (Math.Max(Side, (int)Math.Round(decoded.Width * scale)), Math.Max(Side, (int)Math.Round(decoded.Height * scale)));
        using var scaled = decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new ArgumentException($"{path}: the image could not be resized.");
        var (left, top) = ((width - Side) / 2, (height - Side) / 2);
        var pixels = new byte[CifarDataset.ImageBytes];
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var color = scaled.GetPixel(left + x, top + y);
                var at = y * Side + x;
                (pixels[at], pixels[Side * Side + at], pixels[2 * Side * Side + at]) = (color.Red, color.Green, color.Blue);
            }
        }

        return pixels;
    }
}
