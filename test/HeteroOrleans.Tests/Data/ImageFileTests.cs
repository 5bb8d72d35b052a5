using SkiaSharp;

namespace HeteroOrleans.Tests.Data;

public sealed class ImageFileTests
{
    [Fact]
    public void A_png_of_any_size_becomes_32_by_32_planes_of_red_green_and_blue()
    {
        // 96 × 64: the shorter side scales to 32 (48 × 32), the centre 32 × 32 is kept. Left third red, the rest blue.
        var path = Path.Combine(TestPaths.NewTempDirectory(), "wide.png");
        using (var bitmap = new SKBitmap(96, 64))
        {
            for (var y = 0; y < 64; y++)
            {
                for (var x = 0; x < 96; x++)
                {
                    bitmap.SetPixel(x, y, x < 32 ? new SKColor(250, 0, 0) : new SKColor(0, 0, 250));
                }
            }

            using var file = File.Create(path);
            bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
        }

        var images = ImageFiles.Load([path]);

        Assert.Equal(1, images.Count);
        var pixels = images.Image(0).ToArray();
        Assert.Equal(3 * 32 * 32, pixels.Length);
        // The crop starts 8 columns in: columns 0-2 are still red, the right half is blue.
        Assert.True(pixels[16 * 32 + 0] > 200 && pixels[2 * 1024 + 16 * 32 + 0] < 50, "left edge red");
        Assert.True(pixels[16 * 32 + 31] < 50 && pixels[2 * 1024 + 16 * 32 + 31] > 200, "right edge blue");
    }

    [Fact]
    public void A_32_by_32_png_keeps_every_pixel_exactly()
    {
        var data = SyntheticCifar.Generate(1, seed: 5);
        var planes = data.Image(0).ToArray();
        var path = Path.Combine(TestPaths.NewTempDirectory(), "exact.png");
        using (var bitmap = new SKBitmap(32, 32, SKColorType.Rgba8888, SKAlphaType.Opaque))
        {
            for (var at = 0; at < 1024; at++)
            {
                bitmap.SetPixel(at % 32, at / 32, new SKColor(planes[at], planes[1024 + at], planes[2048 + at]));
            }

            using var file = File.Create(path);
            bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
        }

        Assert.Equal(planes, ImageFiles.Load([path]).Image(0).ToArray());
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, 0.5)]
    [InlineData(SKEncodedImageFormat.Jpeg, 0.15)]
    [InlineData(SKEncodedImageFormat.Webp, 0.5)]
    public void A_picture_cut_short_is_refused_naming_the_file_not_classified_as_if_whole(SKEncodedImageFormat format, double kept)
    {
        var random = new Random(7);
        var path = Path.Combine(TestPaths.NewTempDirectory(), $"cut.{format.ToString().ToLowerInvariant()}");
        using (var bitmap = new SKBitmap(96, 96, SKColorType.Rgba8888, SKAlphaType.Opaque))
        {
            for (var at = 0; at < 96 * 96; at++)
            {
                bitmap.SetPixel(at % 96, at / 96, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }

            using var data = bitmap.Encode(format, 90);
            File.WriteAllBytes(path, data.ToArray()[..(int)(data.Size * kept)]);
        }

        var error = Assert.Throws<ArgumentException>(() => ImageFiles.Load([path]));

        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.Contains("cut short", error.Message);
    }

    [Fact]
    public void A_corrupt_or_missing_file_is_refused_naming_it()
    {
        var directory = TestPaths.NewTempDirectory();
        var corrupt = Path.Combine(directory, "broken.png");
        File.WriteAllBytes(corrupt, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var error = Assert.Throws<ArgumentException>(() => ImageFiles.Load([corrupt]));
        Assert.Contains("broken.png", error.Message);
        Assert.Contains("not an image", error.Message);
        Assert.Contains("no such file", Assert.Throws<ArgumentException>(() => ImageFiles.Load([Path.Combine(directory, "gone.jpg")])).Message);
    }

    [Fact]
    public void Cifar_records_are_read_as_they_are()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "two.bin");
        var data = SyntheticCifar.Generate(2, seed: 3);
        data.WriteBinary(path);

        var images = ImageFiles.Load([path]);

        Assert.Equal(2, images.Count);
        Assert.Equal(data.Image(1).ToArray(), images.Image(1).ToArray());
    }
}
