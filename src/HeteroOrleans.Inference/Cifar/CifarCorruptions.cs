namespace HeteroOrleans.Inference.Cifar;

/// <summary>Data sets whose later images drift: the same images from some index on corrupted, their labels kept.</summary>
public static class CifarCorruptions
{
    private const int Side = 32;
    private const int NoiseAmplitude = 60;
    private const double ContrastKept = 1.0 / 3;

    /// <summary>
    /// <paramref name="data"/> with every image from <paramref name="from"/> on corrupted by <paramref name="kind"/>; the
    /// same seed gives the same bytes.
    /// </summary>
    public static CifarDataset Corrupted(this CifarDataset data, int from, Corruption kind, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        var random = new Random(seed);
        var pixels = new byte[data.Count * CifarDataset.ImageBytes];
        var (coarse, fine) = (new byte[data.Count], new byte[data.Count]);
        for (var i = 0; i < data.Count; i++)
        {
            var image = pixels.AsSpan(i * CifarDataset.ImageBytes, CifarDataset.ImageBytes);
            data.Image(i).CopyTo(image);
            (coarse[i], fine[i]) = (data.CoarseLabel(i), data.FineLabel(i));
            if (i >= from)
            {
                Apply(image, kind, random);
            }
        }

        return new CifarDataset($"{data.Source}, {kind.ToString().ToLowerInvariant()} from image {from}", pixels, coarse, fine);
    }

    private static void Apply(Span<byte> image, Corruption kind, Random random)
    {
        switch (kind)
        {
            case Corruption.Noise:
                foreach (ref var value in image)
                {
                    value = (byte)Math.Clamp(value + random.Next(-NoiseAmplitude, NoiseAmplitude + 1), 0, 255);
                }

                break;
            case Corruption.Blur:
                for (var channel = 0; channel < 3; channel++)
                {
                    Blur(image.Slice(channel * Side * Side, Side * Side));
                }

                break;
            default:
                var mean = 0.0;
                foreach (var value in image)
                {
                    mean += value;
                }

                mean /= image.Length;
                foreach (ref var value in image)
                {
                    value = (byte)Math.Clamp(Math.Round(mean + (value - mean) * ContrastKept), 0, 255);
                }

                break;
        }
    }

    // A 5 × 5 box blur of one channel, its edges taking the pixels that exist.
    private static void Blur(Span<byte> channel)
    {
        Span<byte> source = stackalloc byte[Side * Side];
        channel.CopyTo(source);
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var (sum, count) = (0, 0);
                for (var dy = -2; dy <= 2; dy++)
                {
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        var (yy, xx) = (y + dy, x + dx);
                        if (yy is >= 0 and < Side && xx is >= 0 and < Side)
                        {
                            (sum, count) = (sum + source[yy * Side + xx], count + 1);
                        }
                    }
                }

                channel[y * Side + x] = (byte)(sum / count);
            }
        }
    }
}
