namespace HeteroOrleans.Inference.Cifar;

/// <summary>The official CIFAR-100 label names (meta order) and the fine-to-coarse table.</summary>
public static class CifarLabels
{
    /// <summary>Number of fine classes.</summary>
    public const int FineClassCount = 100;

    /// <summary>Number of coarse classes (super-classes).</summary>
    public const int CoarseClassCount = 20;

    /// <summary>Fine label names; index is the label.</summary>
    public static IReadOnlyList<string> Fine { get; } = ReadLines("fine_label_names.txt", FineClassCount);

    /// <summary>Coarse label names; index is the label.</summary>
    public static IReadOnlyList<string> Coarse { get; } = ReadLines("coarse_label_names.txt", CoarseClassCount);

    /// <summary>The name of fine label <paramref name="label"/>, or null for none (-1) or one out of range.</summary>
    public static string? FineName(int label) => label >= 0 && label < Fine.Count ? Fine[label] : null;

    /// <summary>The name of coarse label <paramref name="label"/>, or null for one out of range.</summary>
    public static string? CoarseName(int label) => label >= 0 && label < Coarse.Count ? Coarse[label] : null;

    /// <summary>Coarse label of each fine label.</summary>
    public static IReadOnlyList<byte> FineToCoarse { get; } =
        ReadLines("fine_to_coarse.txt", FineClassCount).Select(byte.Parse).ToArray();

    private static string[] ReadLines(string name, int expected)
    {
        using var stream = typeof(CifarLabels).Assembly.GetManifestResourceStream($"HeteroOrleans.Inference.Data.{name}")
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == expected
            ? lines
            : throw new InvalidOperationException($"Embedded resource {name} has {lines.Length} lines, expected {expected}.");
    }
}
