namespace HeteroOrleans.Inference.Cifar;

/// <summary>
/// Reads the CIFAR-100 binary format: records of [coarse byte][fine byte][3,072 pixel bytes: R, G, B planes].
/// </summary>
public static class CifarReader
{
    /// <summary>Test-set file names looked for, in order, when a directory is given.</summary>
    public static IReadOnlyList<string> KnownFileNames { get; } = ["test.bin", "cifar-100-binary/test.bin", "test_first20.bin"];

    /// <summary>Training-set file names looked for, in order, when a directory is given.</summary>
    public static IReadOnlyList<string> KnownTrainFileNames { get; } = ["train.bin", "cifar-100-binary/train.bin"];

    /// <summary>
    /// Finds the test file in <paramref name="path"/>: the path itself when it is a file, otherwise the first of
    /// <see cref="KnownFileNames"/> inside it.
    /// </summary>
    /// <exception cref="CifarFormatException">Nothing readable is there.</exception>
    public static string Locate(string path) => Locate(path, KnownFileNames);

    /// <summary>Finds the training file in <paramref name="path"/> (the path itself when it is a file).</summary>
    /// <exception cref="CifarFormatException">Nothing readable is there.</exception>
    public static string LocateTrain(string path) => Locate(path, KnownTrainFileNames);

    private static string Locate(string path, IReadOnlyList<string> names)
    {
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        if (!Directory.Exists(path))
        {
            throw new CifarFormatException($"{path}: no such file or directory.");
        }

        return names.Select(name => Path.Combine(path, name)).FirstOrDefault(File.Exists)
            ?? throw new CifarFormatException(
                $"{path}: holds none of {string.Join(", ", names)} (CIFAR-100 binary version).");
    }

    /// <summary>Reads up to <paramref name="maxImages"/> records (all when null) and checks every label.</summary>
    /// <exception cref="CifarFormatException">The file is missing, its length is not a whole number of records, or a label is out of range.</exception>
    public static CifarDataset Read(string path, int? maxImages = null)
    {
        if (!File.Exists(path))
        {
            throw new CifarFormatException($"{path}: file not found.");
        }

        var length = new FileInfo(path).Length;
        if (length == 0 || length % CifarDataset.RecordBytes != 0)
        {
            throw new CifarFormatException(
                $"{path}: length {length} bytes is not a positive multiple of the {CifarDataset.RecordBytes}-byte record " +
                $"(the last record, #{length / CifarDataset.RecordBytes}, is truncated or the file is not CIFAR-100 binary).");
        }

        var count = (int)Math.Min(length / CifarDataset.RecordBytes, maxImages ?? int.MaxValue);
        var pixels = new byte[count * CifarDataset.ImageBytes];
        var coarse = new byte[count];
        var fine = new byte[count];
        var record = new byte[CifarDataset.RecordBytes];
        using var file = File.OpenRead(path);
        for (var i = 0; i < count; i++)
        {
            file.ReadExactly(record);
            coarse[i] = Check(record[0], CifarLabels.CoarseClassCount, "coarse", path, i);
            fine[i] = Check(record[1], CifarLabels.FineClassCount, "fine", path, i);
            record.AsSpan(2).CopyTo(pixels.AsSpan(i * CifarDataset.ImageBytes));
        }

        return new CifarDataset(path, pixels, coarse, fine);
    }

    private static byte Check(byte label, int classes, string kind, string path, int record) =>
        label < classes
            ? label
            : throw new CifarFormatException(
                $"{path}: record #{record} (byte offset {(long)record * CifarDataset.RecordBytes}) has {kind} label {label}, " +
                $"outside 0-{classes - 1}.");
}
