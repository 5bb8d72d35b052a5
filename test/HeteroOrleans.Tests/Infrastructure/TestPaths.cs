namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>Locates the shared data folder and the repository's files from the test binaries.</summary>
internal static class TestPaths
{
    /// <summary>The first 20 CIFAR-100 test images, or null when the shared data folder is absent.</summary>
    public static string? CifarFirst20 => FindUpwards(Path.Combine("shared", "data", "cifar-100", "test_first20.bin"));

    /// <summary>The repository's file at <paramref name="relative"/>.</summary>
    public static string Repository(string relative) =>
        FindUpwards(relative) ?? throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "hetero-tests", Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A models folder with the repository's manifest, whose models get built into it on first use.</summary>
    public static string NewModelsDirectory()
    {
        var directory = NewTempDirectory();
        File.Copy(Repository(Path.Combine("models", "models.json")), Path.Combine(directory, "models.json"));
        return directory;
    }

    /// <summary>A models folder of its own with <paramref name="models"/> built, for silo processes that must not each build them.</summary>
    public static string NewModelsDirectory(params string[] models)
    {
        var directory = NewModelsDirectory();
        var store = ModelStore.Open(directory);
        foreach (var model in models)
        {
            store.EnsureBuilt(model);
        }

        return directory;
    }

    private static string? FindUpwards(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
