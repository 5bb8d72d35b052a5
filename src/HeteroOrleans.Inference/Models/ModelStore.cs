using System.Text.Json;
using HeteroOrleans.Inference.Fitting;
using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// Finds the models folder, builds (and fits) missing model files from their recipe, and checks every model
/// against its manifest entry before it is used.
/// </summary>
public sealed class ModelStore
{
    /// <summary>Environment variable that names the models folder.</summary>
    public const string DirectoryVariable = "HETERO_MODELS";

    /// <summary>Seed of the synthetic training set that recipes fit on; test sets use other seeds.</summary>
    public const int SyntheticTrainSeed = 1000;

    private static readonly Lock BuildLock = new();
    private static readonly JsonSerializerOptions FitJson = new() { WriteIndented = true };

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

    /// <summary>Whether model <paramref name="id"/>'s file exists.</summary>
    public bool IsBuilt(string id) => File.Exists(Manifest.PathOf(Manifest.Get(id)));

    /// <summary>
    /// The path of model <paramref name="id"/>'s file, building it first when it is missing and has a recipe
    /// (and fitting its classifier on synthetic data when the recipe says so).
    /// </summary>
    /// <exception cref="ModelManifestException">Unknown id, or a missing file without recipe.</exception>
    public string EnsureBuilt(string id)
    {
        var entry = Manifest.Get(id);
        var path = Manifest.PathOf(entry);
        if (File.Exists(path) && !FittedBeforeCalibration(entry))
        {
            return path;
        }

        if (entry.Build is not { } recipe)
        {
            throw new ModelManifestException($"{path}: file of model '{id}' is missing and the manifest gives no 'build' recipe.");
        }

        // Several silos of one process may ask at once; build once, and publish the file atomically.
        lock (BuildLock)
        {
            if (!File.Exists(path) || FittedBeforeCalibration(entry))
            {
                var model = ModelArchitectures.Build(id, recipe, entry.ClassCount);
                if (recipe.Fit is { } fit)
                {
                    var train = SyntheticCifar.Generate(fit.SyntheticImages, SyntheticTrainSeed);
                    var (fitted, report) = ClassifierFitter.Fit(model, entry, train, fit.Ridge, new SessionTuning(Environment.ProcessorCount));
                    model = fitted;
                    WriteFitReport(entry, report);
                }

                Publish(model, path);
            }
        }

        return path;
    }

    /// <summary>Fits model <paramref name="id"/>'s classifier on <paramref name="train"/> and replaces its file.</summary>
    public FitReport Fit(string id, CifarDataset train, double relativeRidge, Action<int>? progress = null)
    {
        var entry = Manifest.Get(id);
        var path = EnsureBuilt(id);
        var (fitted, report) = ClassifierFitter.Fit(
            OnnxFiles.Read(path), entry, train, relativeRidge, new SessionTuning(Environment.ProcessorCount), progress);
        lock (BuildLock)
        {
            Publish(fitted, path);
            WriteFitReport(entry, report);
        }

        return report;
    }

    /// <summary>How model <paramref name="id"/>'s classifier was fitted, or null when it was not.</summary>
    public FitReport? FitReportOf(string id)
    {
        var path = FitReportPath(Manifest.Get(id));
        return File.Exists(path) ? JsonSerializer.Deserialize<FitReport>(File.ReadAllText(path)) : null;
    }

    /// <summary>Opens a checked session for model <paramref name="id"/>, building it when needed.</summary>
    public OnnxClassifier OpenClassifier(string id, SessionTuning tuning)
    {
        var entry = Manifest.Get(id);
        return OnnxClassifier.Open(entry, EnsureBuilt(id), tuning);
    }

    private static void Publish(ModelProto model, string path)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        model.WriteToFile(temporary);
        File.Move(temporary, path, overwrite: true);
    }

    private string FitReportPath(ModelEntry entry) => Manifest.PathOf(entry) + ".fit.json";

    // A model this store built and fitted before its confidences were calibrated is built again: escalation by
    // confidence needs calibrated ones. Models given as files (no recipe) are left as they are.
    private bool FittedBeforeCalibration(ModelEntry entry) =>
        entry.Build?.Fit is not null && File.Exists(FitReportPath(entry)) && FitReportOf(entry.Id)?.Temperature is null;

    private void WriteFitReport(ModelEntry entry, FitReport report) =>
        File.WriteAllText(FitReportPath(entry), JsonSerializer.Serialize(report, FitJson));
}
