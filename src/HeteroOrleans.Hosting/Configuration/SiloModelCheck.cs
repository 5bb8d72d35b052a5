using HeteroOrleans.Grains.Devices;
using HeteroOrleans.Inference.Models;
using Microsoft.ML.OnnxRuntime;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Loads every model a silo's devices name before the silo joins a cluster: the manifest names it, its label set fits
/// the device's tier, the file exists (or is built from its recipe), ONNX Runtime opens it, and its input, output and
/// class count match the manifest. A silo with a model that cannot run is refused at start, one line per device with
/// its key, instead of failing each task that reaches it.
/// </summary>
public static class SiloModelCheck
{
    private const string Silo = HeteroSiloOptions.SectionName;

    /// <summary>Checks the models of <paramref name="settings"/>.</summary>
    /// <param name="settings">The silo.</param>
    /// <param name="source">What to name in error messages (the config file).</param>
    /// <exception cref="SiloConfigException">A model cannot run.</exception>
    public static void Check(SiloSettings settings, string source)
    {
        ModelStore store;
        try
        {
            store = ModelStore.Open(settings.ModelsDirectory);
        }
        catch (ModelManifestException e)
        {
            throw new SiloConfigException(source, [$"{Silo}:ModelsDirectory: {e.Message}"]);
        }

        var errors = new List<string>();
        var opened = new Dictionary<(string, SessionTuning), string?>();
        foreach (var (key, device) in settings.Options.DevicesInOrder)
        {
            var profile = device.ToProfiles().First();
            var problem = ManifestProblemOf(store.Manifest, profile);
            if (problem is null)
            {
                var tuning = DeviceTuning.For(profile);
                if (!opened.TryGetValue((profile.ModelId, tuning), out problem))
                {
                    problem = opened[(profile.ModelId, tuning)] = OpenProblemOf(store, profile.ModelId, tuning);
                }
            }

            if (problem is not null)
            {
                errors.Add($"{Silo}:Devices:{key}:Model: {problem}");
            }
        }

        if (errors.Count > 0)
        {
            throw new SiloConfigException(source, errors);
        }
    }

    private static string? ManifestProblemOf(ModelManifest manifest, DeviceProfile device)
    {
        // Which version a device runs is the tier's rollout's to say, the same on every silo.
        if (device.ModelId.Contains(ModelEntry.VersionSeparator, StringComparison.Ordinal))
        {
            return $"'{device.ModelId}' names a version: a device names its model ('{device.ModelId.Split(ModelEntry.VersionSeparator)[0]}'), " +
                   "runs its first version in the manifest, and 'hetero models rollout' moves it to another";
        }

        if (!manifest.Contains(device.ModelId))
        {
            return $"no model '{device.ModelId}' in {Path.Combine(manifest.Directory, ModelManifest.FileName)} " +
                   $"(known: {string.Join(", ", manifest.Entries.Select(e => e.Id).Distinct())})";
        }

        // End devices give the quick coarse answer, the others the fine one: a model of the other label set would
        // "classify" at chance.
        var labels = manifest.Get(device.ModelId).Labels;
        var needed = device.Tier == Tier.End ? LabelSet.Coarse : LabelSet.Fine;
        return labels == needed
            ? null
            : $"'{device.ModelId}' predicts {labels} labels; {(device.Tier == Tier.Cloud ? "a" : "an")} {device.Tier} device needs " +
              $"{needed} ({(needed == LabelSet.Coarse ? "the 20 super-classes" : "the 100 classes")})";
    }

    private static string? OpenProblemOf(ModelStore store, string modelId, SessionTuning tuning)
    {
        try
        {
            store.EnsureBuilt(modelId);
            using var classifier = store.OpenClassifier(modelId, tuning);
            return null;
        }
        catch (Exception e) when (e is ModelManifestException or OnnxRuntimeException or IOException or InvalidDataException)
        {
            return e.Message.Split('\n', 2)[0];
        }
    }
}
