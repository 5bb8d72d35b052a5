namespace HeteroOrleans.Client;

/// <summary>Chooses the images of a job: CIFAR-100 from <c>--data</c> or <c>$HETERO_DATA</c>, else synthetic data.</summary>
public static class DataSource
{
    /// <summary>Environment variable naming the CIFAR-100 folder or file.</summary>
    public const string DataVariable = "HETERO_DATA";

    /// <summary>Default job size: the CIFAR-100 test set.</summary>
    public const int DefaultImageCount = 10_000;

    /// <summary>Loads the job's images; <paramref name="images"/> limits how many.</summary>
    /// <exception cref="CifarFormatException">The named data is missing or malformed.</exception>
    public static CifarDataset Load(string? dataPath, int? images)
    {
        var path = string.IsNullOrWhiteSpace(dataPath) ? Environment.GetEnvironmentVariable(DataVariable) : dataPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            return SyntheticCifar.Generate(images ?? DefaultImageCount);
        }

        return CifarReader.Read(CifarReader.Locate(path), images);
    }

    /// <summary>True when the data set is generated, not read.</summary>
    public static bool IsSynthetic(CifarDataset data) => data.Source.StartsWith("synthetic", StringComparison.Ordinal);
}
