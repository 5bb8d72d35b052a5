using SkiaSharp;

namespace HeteroOrleans.Inference.Cifar;

/// <summary>
/// Encoded pictures (PNG, JPEG, GIF, BMP, WebP) of any size brought to CIFAR layout: the shorter side scaled to 32, the
/// centre cropped, Mitchell cubic sampling; then the red plane, the green, the blue. A picture's size is read from its
/// header before anything is decoded, so a small file that would decode to a huge bitmap is refused without decoding;
/// a file the codec finds cut short or corrupt is refused too.
/// </summary>
public static class Pictures
{
    /// <summary>The most pixels a picture may decode to (about 16 megapixels).</summary>
    public const long MaxPixels = 4096L * 4096;

    /// <summary>How the message of bytes that are no picture ends.</summary>
    public const string Unreadable = "not an image that can be read (PNG, JPEG, GIF, BMP, WebP).";

    private const int Side = 32;

    /// <summary>The picture <paramref name="encoded"/> as CIFAR-layout pixels.</summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="what">What to call the picture in a message (a path, a request field).</param>
    /// <exception cref="ArgumentException">
    /// Not a picture SkiaSharp can read, empty, too large to decode, cut short or corrupt; the message names <paramref name="what"/>.
    /// </exception>
    public static byte[] Decode(byte[] encoded, string what)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new ArgumentException($"{what}: {Unreadable}");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"{what}: the image is empty.");
        }

        if ((long)width * height > MaxPixels)
        {
            throw new ArgumentException($"{what}: a {width}×{height} picture is larger than the {MaxPixels:N0} pixels one may decode to.");
        }

        // Decoded straight to 8-bit RGBA, whatever the file holds, so that its bytes can be read as they lie. A file cut
        // short decodes to a picture whose missing rows are blank: the codec says so, and such a file is refused, not
        // classified as if it were whole.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            throw new ArgumentException(result == SKCodecResult.IncompleteInput
                ? $"{what}: the file is cut short (truncated or still being written): its picture is incomplete."
                : $"{what}: the picture could not be decoded ({result}): the file is corrupt.");
        }

        if (width == Side && height == Side)
        {
            return ToCifar(decoded, 0, 0);
        }

        // Shorter side to 32, then the centre: what CIFAR-style models expect of a photo of another size.
        var scale = (double)Side / Math.Min(width, height);
        var (scaledWidth, scaledHeight) = (Math.Max(Side, (int)Math.Round(width * scale)), Math.Max(Side, (int)Math.Round(height * scale)));
        using var scaled = decoded.Resize(new SKImageInfo(scaledWidth, scaledHeight, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new ArgumentException($"{what}: the picture could not be resized.");
        return ToCifar(scaled, (scaledWidth - Side) / 2, (scaledHeight - Side) / 2);
    }

    // The 32 × 32 square of an RGBA bitmap from (left, top) as CIFAR planes, read from the bitmap's bytes: a pixel at a
    // time through SkiaSharp would be a native call for each.
    private static byte[] ToCifar(SKBitmap rgba, int left, int top)
    {
        var source = rgba.GetPixelSpan();
        var pixels = new byte[CifarDataset.ImageBytes];
        for (var y = 0; y < Side; y++)
        {
            var row = source.Slice(((top + y) * rgba.RowBytes) + (left * 4), Side * 4);
            for (var x = 0; x < Side; x++)
            {
                var at = (y * Side) + x;
                (pixels[at], pixels[(Side * Side) + at], pixels[(2 * Side * Side) + at]) = (row[x * 4], row[(x * 4) + 1], row[(x * 4) + 2]);
            }
        }

        return pixels;
    }
}
