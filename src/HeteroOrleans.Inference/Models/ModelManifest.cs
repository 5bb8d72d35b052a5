using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeteroOrleans.Inference.Models;

/// <summary>The models a cluster can run, read from <c>models.json</c>; files are resolved next to it.</summary>
public sealed class ModelManifest
{
    /// <summary>File name of the manifest inside a models folder.</summary>
    public const string FileName = "models.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Dictionary<string, ModelEntry> _entries;

    private ModelManifest(string directory, IEnumerable<ModelEntry> entries)
    {
        Directory = directory;
        _entries = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>The folder holding the manifest and the model files.</summary>
    public string Directory { get; }

    /// <summary>All models, in manifest order.</summary>
    public IReadOnlyCollection<ModelEntry> Entries => _entries.Values;

    /// <summary>Reads and checks the manifest in <paramref name="directory"/>.</summary>
    /// <exception cref="ModelManifestException">It is missing, not JSON, or an entry lacks a field.</exception>
    public static ModelManifest Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new ModelManifestException($"{path}: model manifest not found.");
        }

        ManifestDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ManifestDocument>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ModelManifestException($"{path}: not a valid manifest ({e.Message}).");
        }

        var entries = document?.Models ?? throw new ModelManifestException($"{path}: field 'models' is missing.");
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            Require(path, i, "id", e.Id);
            Require(path, i, "file", e.File);
            Require(path, i, "input", e.Input);
            Require(path, i, "output", e.Output);
        }

        var duplicate = entries.GroupBy(e => e.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ModelManifestException($"{path}: model id '{duplicate.Key}' appears more than once.");
        }

        return new ModelManifest(Path.GetFullPath(directory), entries);
    }

    /// <summary>Whether the manifest names model <paramref name="id"/>.</summary>
    public bool Contains(string id) => _entries.ContainsKey(id);

    /// <summary>The entry of model <paramref name="id"/>.</summary>
    /// <exception cref="ModelManifestException">The manifest does not name it.</exception>
    public ModelEntry Get(string id) =>
        _entries.TryGetValue(id, out var entry)
            ? entry
            : throw new ModelManifestException(
                $"{Path.Combine(Directory, FileName)}: no model '{id}' (known: {string.Join(", ", _entries.Keys)}).");

    /// <summary>Full path of a model's file.</summary>
    public string PathOf(ModelEntry entry) => Path.Combine(Directory, entry.File);

    private static void Require(string path, int index, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ModelManifestException($"{path}: models[{index}].{field} is missing.");
        }
    }

    private sealed record ManifestDocument(List<ModelEntry>? Models);
}
