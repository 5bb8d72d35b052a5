namespace HeteroOrleans.Inference.Cifar;

/// <summary>
/// Generates CIFAR-format images with the real 20x5 label hierarchy, for machines without the data set.
/// Each fine class has its own colour and stripe pattern, and its coarse class shares a base hue,
/// so a classifier can learn them; per-pixel noise keeps them from being trivial.
/// </summary>
public static class SyntheticCifar
{
    /// <summary>Generates <paramref name="count"/> images; the same seed gives the same bytes.</summary>
    public static CifarDataset Generate(int count, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = new Random(seed);
        var pixels = new byte[count * CifarDataset.ImageBytes];
        var coarse = new byte[count];
        var fine = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var label = (byte)random.Next(CifarLabels.FineClassCount);
            fine[i] = label;
            coarse[i] = CifarLabels.FineToCoarse[label];
            Paint(pixels.AsSpan(i * CifarDataset.ImageBytes, CifarDataset.ImageBytes), label, coarse[i], random);
        }

        return new CifarDataset($"synthetic ({count} images, seed {seed})", pixels, coarse, fine);
    }

    private static void Paint(Span<byte> image, int fine, int coarse, Random random)
    {
        const int side = 32;
        var period = 3 + fine % 5;
        var vertical = fine % 2 == 0;
        for (var channel = 0; channel < 3; channel++)
        {
            // Coarse class sets the base level of each channel, fine class its stripe contrast.
            var baseLevel = 40 + (coarse * 37 + channel * 71) % 170;
            var contrast = 20 + (fine * 13 + channel * 29) % 60;
            for (var y = 0; y < side; y++)
            {
                for (var x = 0; x < side; x++)
                {
                    var stripe = ((vertical ? x : y) / period) % 2 == 0 ? contrast : -contrast;
                    var value = baseLevel + stripe + random.Next(-30, 31);
                    image[channel * side * side + y * side + x] = (byte)Math.Clamp(value, 0, 255);
                }
            }
        }
    }
}
