namespace HeteroOrleans.Tests.Configuration;

/// <summary>Silo config files for tests, written to a folder of their own with a models folder of their own.</summary>
internal static class SiloConfigFiles
{
    /// <summary>Writes <paramref name="json"/>, its MODELS replaced by a new models folder, and gives its path.</summary>
    public static string Write(string json)
    {
        var models = TestPaths.NewModelsDirectory().Replace("\\", "\\\\");
        var path = Path.Combine(TestPaths.NewTempDirectory(), "silo.json");
        File.WriteAllText(path, json.Replace("MODELS", models));
        return path;
    }
}
