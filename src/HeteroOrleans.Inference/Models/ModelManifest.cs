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

    private readonly List<ModelEntry> _entries;
    private readonly Dictionary<string, ModelEntry> _byReference;
    private readonly Dictionary<string, ModelEntry> _defaults;

    private ModelManifest(string directory, List<ModelEntry> entries)
    {
        Directory = directory;
        _entries = entries;
        _byReference = entries.ToDictionary(e => e.Reference, StringComparer.Ordinal);
        _defaults = entries.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The folder holding the manifest and the model files.</summary>
    public string Directory { get; }

    /// <summary>All models, every version, in manifest order.</summary>
    public IReadOnlyCollection<ModelEntry> Entries => _entries;

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
            if (e.Id.Contains(ModelEntry.VersionSeparator, StringComparison.Ordinal))
            {
                throw new ModelManifestException($"{path}: models[{i}].id '{e.Id}' may not hold '{ModelEntry.VersionSeparator}': give the version in 'version'.");
            }

            if (e.Version < 1)
            {
                throw new ModelManifestException($"{path}: models[{i}].version is {e.Version}; versions are whole numbers from 1.");
            }
        }

        var duplicate = entries.GroupBy(e => e.Reference).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ModelManifestException($"{path}: model '{duplicate.Key}' (id and version) appears more than once.");
        }

        var sharedFile = entries.GroupBy(e => e.File).FirstOrDefault(g => g.Count() > 1);
        if (sharedFile is not null)
        {
            throw new ModelManifestException(
                $"{path}: models {string.Join(" and ", sharedFile.Select(e => e.Reference))} name the same file '{sharedFile.Key}'; each version needs its own.");
        }

        return new ModelManifest(Path.GetFullPath(directory), entries);
    }

    /// <summary>Whether the manifest names <paramref name="reference"/>: a model id, or an id and version (<c>id@2</c>).</summary>
    public bool Contains(string reference) => Find(reference) is not null;

    /// <summary>
    /// The entry <paramref name="reference"/> names: a model id (its default version, the first in the manifest), or an
    /// id and version (<c>resnet-10-w16@2</c>).
    /// </summary>
    /// <exception cref="ModelManifestException">The manifest does not name it.</exception>
    public ModelEntry Get(string reference) =>
        Find(reference) ?? throw new ModelManifestException(
            $"{Path.Combine(Directory, FileName)}: no model '{reference}' (known: {string.Join(", ", _entries.Select(e => e.Version == 1 ? e.Id : e.Reference).Distinct())}).");

    /// <summary>The versions of model <paramref name="id"/>, in manifest order; empty when it names none.</summary>
    public IReadOnlyList<ModelEntry> VersionsOf(string id) => [.. _entries.Where(e => e.Id == id)];

    private ModelEntry? Find(string reference) =>
        reference.Contains(ModelEntry.VersionSeparator, StringComparison.Ordinal)
            ? _byReference.GetValueOrDefault(reference)
            : _defaults.GetValueOrDefault(reference);

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
