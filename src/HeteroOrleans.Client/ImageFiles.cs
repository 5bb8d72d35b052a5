namespace HeteroOrleans.Client;

/// <summary>
/// Reads images to classify: PNG, JPEG and the other formats SkiaSharp decodes, of any size, or CIFAR-100 binary
/// records. A picture is brought to 32×32 by <see cref="Pictures"/>.
/// </summary>
public static class ImageFiles
{
    /// <summary>The images of <paramref name="paths"/>, in order (a CIFAR file gives all its records); their labels are unknown (0).</summary>
    /// <exception cref="ArgumentException">A file is missing, empty, cut short, or neither an image nor CIFAR-100 records; the message names it.</exception>
    public static CifarDataset Load(IReadOnlyList<string> paths)
    {
        var read = LoadReadable(paths);
        return read.Errors.Count > 0 ? throw new ArgumentException(read.Errors[0]) : read.Images!;
    }

    /// <summary>
    /// The images of those of <paramref name="paths"/> that can be read, in order, and for each file that cannot, one
    /// line naming it and why: one bad file among many does not hold the others back.
    /// </summary>
    /// <exception cref="ArgumentException">No path given.</exception>
    public static ReadImages LoadReadable(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new ArgumentException("No image given: name one or more PNG, JPEG or CIFAR-100 .bin files.");
        }

        var (pixels, sources, errors) = (new List<byte>(), new List<string>(), new List<string>());
        foreach (var path in paths)
        {
            try
            {
                var images = Read(path);
                pixels.AddRange(images);
                sources.AddRange(Enumerable.Repeat(path, images.Length / CifarDataset.ImageBytes));
            }
            catch (Exception e) when (e is ArgumentException or CifarFormatException or IOException or UnauthorizedAccessException)
            {
                errors.Add(e is ArgumentException or CifarFormatException ? e.Message : $"{path}: {e.Message}");
            }
        }

        var count = sources.Count;
        var read = sources.Distinct().ToList();
        var dataset = count == 0 ? null : new CifarDataset(
            $"{read.Count} file(s): {string.Join(", ", read.Take(3).Select(Path.GetFileName))}{(read.Count > 3 ? ", …" : "")}", [.. pixels], new byte[count], new byte[count]);
        return new ReadImages(dataset, sources, errors);
    }

    /// <summary>One picture as CIFAR-layout pixels: the red plane, then green, then blue, 32×32 each.</summary>
    /// <exception cref="ArgumentException">The file is not an image SkiaSharp can decode, is cut short, or is too large to decode.</exception>
    public static byte[] Decode(string path) => Pictures.Decode(File.ReadAllBytes(path), path);

    // The file's images in CIFAR layout, one after another.
    private static byte[] Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"{path}: no such file.");
        }

        if (string.Equals(Path.GetExtension(path), ".bin", StringComparison.OrdinalIgnoreCase))
        {
            var records = CifarReader.Read(path);
            return [.. Enumerable.Range(0, records.Count).SelectMany(i => records.Image(i).ToArray())];
        }

        try
        {
            return Decode(path);
        }
        catch (ArgumentException e) when (e.Message.EndsWith(Pictures.Unreadable, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{e.Message.TrimEnd('.')}, nor a CIFAR-100 .bin file.", e);
        }
    }
}
