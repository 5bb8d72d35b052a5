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
    }

    /// <summary>Where the images came from (a path, or a description of synthetic data).</summary>
    public string Source { get; }

    /// <summary>Number of images.</summary>
    public int Count => _coarse.Length;

    /// <summary>True coarse label of image <paramref name="index"/>.</summary>
    public byte CoarseLabel(int index) => _coarse[index];

    /// <summary>True fine label of image <paramref name="index"/>.</summary>
    public byte FineLabel(int index) => _fine[index];

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index) => _pixels.AsSpan(index * ImageBytes, ImageBytes);

    /// <summary>The first <paramref name="count"/> images as a new data set (no copy).</summary>
    public CifarDataset Take(int count) =>
        count >= Count
            ? this
            : new CifarDataset(Source, _pixels[..(count * ImageBytes)], _coarse[..count], _fine[..count]);

    /// <summary>Number of tasks of <paramref name="batchSize"/> images that cover the data set.</summary>
    public int TaskCount(int batchSize) => (Count + batchSize - 1) / batchSize;

    /// <summary>Batch <paramref name="index"/> of the data set cut in batches of <paramref name="size"/>; the last may be short.</summary>
    public CifarBatch Batch(int index, int size)
    {
        var first = index * size;
        var count = Math.Min(size, Count - first);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(index));
        return new CifarBatch(
            first,
            _pixels.AsSpan(first * ImageBytes, count * ImageBytes).ToArray(),
            _coarse.AsSpan(first, count).ToArray(),
            _fine.AsSpan(first, count).ToArray());
    }

    /// <summary>Writes the data set in the CIFAR-100 binary format.</summary>
    public void WriteBinary(string path)
    {
        using var file = File.Create(path);
        for (var i = 0; i < Count; i++)
        {
            file.WriteByte(_coarse[i]);
            file.WriteByte(_fine[i]);
            file.Write(Image(i));
        }
    }
}
