using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// Finds the models folder, builds missing model files from their recipe, and checks every model against its
/// manifest entry before it is used.
/// </summary>
public sealed class ModelStore
{
    /// <summary>Environment variable that names the models folder.</summary>
    public const string DirectoryVariable = "HETERO_MODELS";

    private static readonly Lock BuildLock = new();

    /// <summary>Opens the store over <paramref name="manifest"/>.</summary>
    public ModelStore(ModelManifest manifest) => Manifest = manifest;

    /// <summary>The manifest this store serves.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>
    /// The default models folder: <c>$HETERO_MODELS</c>, else the nearest <c>models/models.json</c> from the
    /// current folder upwards, else the copy shipped next to the program.
    /// </summary>
    public static string DefaultDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "models", ModelManifest.FileName)))
            {
                return Path.Combine(dir.FullName, "models");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "models");
    }

    /// <summary>Opens the store in <paramref name="directory"/> (the default folder when null).</summary>
    public static ModelStore Open(string? directory = null) => new(ModelManifest.Load(directory ?? DefaultDirectory()));

    /// <summary>The path of model <paramref name="id"/>'s file, building it first when it is missing and has a recipe.</summary>
    /// <exception cref="ModelManifestException">Unknown id, or a missing file without recipe.</exception>
    public string EnsureBuilt(string id)
    {
        var entry = Manifest.Get(id);
        var path = Manifest.PathOf(entry);
        if (File.Exists(path))
        {
            return path;
        }

        if (entry.Build is null)
        {
            throw new ModelManifestException($"{path}: file of model '{id}' is missing and the manifest gives no 'build' recipe.");
        }

        // Several silos of one process may ask at once; build once, and publish the file atomically.
        lock (BuildLock)
        {
            if (!File.Exists(path))
            {
                var temporary = $"{path}.{Environment.ProcessId}.tmp";
                Build(entry, entry.Build).WriteToFile(temporary);
                File.Move(temporary, path, overwrite: true);
            }
        }

        return path;
    }

    /// <summary>Opens a checked session for model <paramref name="id"/>, building it when needed.</summary>
    public OnnxClassifier OpenClassifier(string id, SessionTuning tuning)
    {
        var entry = Manifest.Get(id);
        return OnnxClassifier.Open(entry, EnsureBuilt(id), tuning);
    }

    private static ModelProto Build(ModelEntry entry, ModelRecipe recipe) => recipe.Architecture switch
    {
        "small-cnn" => SmallCnnArchitecture.Build(entry.ClassCount, recipe.Width, recipe.Seed),
        _ => throw new ModelManifestException(
            $"model '{entry.Id}': build.architecture '{recipe.Architecture}' is unknown (known: small-cnn)."),
    };
}
