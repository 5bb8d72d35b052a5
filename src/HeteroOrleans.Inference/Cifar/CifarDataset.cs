namespace HeteroOrleans.Inference.Cifar;

/// <summary>
/// Images and labels in CIFAR-100 layout, held in memory: pixels as consecutive 3,072-byte images
/// (R, G, B planes of 32x32), labels as one byte per image.
/// </summary>
public sealed class CifarDataset
{
    /// <summary>Bytes of one 32x32 RGB image.</summary>
    public const int ImageBytes = 3 * 32 * 32;

    /// <summary>Bytes of one record in the binary format: coarse byte, fine byte, pixels.</summary>
    public const int RecordBytes = 2 + ImageBytes;

    private readonly byte[] _pixels;
    private readonly byte[] _coarse;
    private readonly byte[] _fine;
    private readonly int _count;

    /// <summary>Wraps images and labels; the arrays are used as they are, not copied.</summary>
    public CifarDataset(string source, byte[] pixels, byte[] coarse, byte[] fine)
    {
        if (coarse.Length != fine.Length || pixels.Length != coarse.Length * ImageBytes)
        {
            throw new ArgumentException("Pixels, coarse and fine labels disagree on the number of images.");
        }

        Source = source;
        _pixels = pixels;
        _coarse = coarse;
        _fine = fine;
        _count = coarse.Length;
    }

    // The stored images of another data set, repeated to count.
    private CifarDataset(CifarDataset stored, int count)
    {
        (_pixels, _coarse, _fine, _count) = (stored._pixels, stored._coarse, stored._fine, count);
        Source = $"{stored.Source}, repeated to {count:N0} images";
    }

    /// <summary>Where the images came from (a path, or a description of synthetic data).</summary>
    public string Source { get; }

    /// <summary>Number of images.</summary>
    public int Count => _count;

    /// <summary>True coarse label of image <paramref name="index"/>.</summary>
    public byte CoarseLabel(int index) => _coarse[Stored(index)];

    /// <summary>True fine label of image <paramref name="index"/>.</summary>
    public byte FineLabel(int index) => _fine[Stored(index)];

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index) => _pixels.AsSpan(Stored(index) * ImageBytes, ImageBytes);

    /// <summary>The first <paramref name="count"/> images as a new data set (no copy).</summary>
    public CifarDataset Take(int count) =>
        count >= Count ? this
        : count <= _coarse.Length ? new CifarDataset(Source, _pixels[..(count * ImageBytes)], _coarse[..count], _fine[..count])
        : new CifarDataset(this, count);

    /// <summary>
    /// The images over and over until there are <paramref name="count"/> of them, without copying them: a large job from
    /// a small set, whose repeated images emulated devices answer from their cache.
    /// </summary>
    public CifarDataset Repeat(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return count <= _coarse.Length ? Take(count) : new CifarDataset(this, count);
    }

    /// <summary>Number of tasks of <paramref name="batchSize"/> images that cover the data set.</summary>
    public int TaskCount(int batchSize) => (Count + batchSize - 1) / batchSize;

    /// <summary>Batch <paramref name="index"/> of the data set cut in batches of <paramref name="size"/>; the last may be short.</summary>
    public CifarBatch Batch(int index, int size)
    {
        var first = index * size;
        var count = Math.Min(size, Count - first);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(index));
        if (first + count <= _coarse.Length)
        {
            return new CifarBatch(
                first,
                _pixels.AsSpan(first * ImageBytes, count * ImageBytes).ToArray(),
                _coarse.AsSpan(first, count).ToArray(),
                _fine.AsSpan(first, count).ToArray());
        }

        // A repeated set: image by image, as a batch may wrap around the stored images.
        var pixels = new byte[count * ImageBytes];
        var coarse = new byte[count];
        var fine = new byte[count];
        for (var i = 0; i < count; i++)
        {
            Image(first + i).CopyTo(pixels.AsSpan(i * ImageBytes));
            (coarse[i], fine[i]) = (CoarseLabel(first + i), FineLabel(first + i));
        }

        return new CifarBatch(first, pixels, coarse, fine);
    }

    private int Stored(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        return index < _coarse.Length ? index : index % _coarse.Length;
    }

    /// <summary>Writes the data set in the CIFAR-100 binary format.</summary>
    public void WriteBinary(string path)
    {
        using var file = File.Create(path);
        for (var i = 0; i < Count; i++)
        {
            file.WriteByte(CoarseLabel(i));
            file.WriteByte(FineLabel(i));
            file.Write(Image(i));
        }
    }
}
