using HeteroOrleans.Grains.Devices;
using HeteroOrleans.Inference.Models;
using Microsoft.ML.OnnxRuntime;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Loads every model a silo's devices name before the silo joins a cluster: the file exists (or is built from its
/// recipe), ONNX Runtime opens it, and its input, output and class count match the manifest. A silo with a model that
/// cannot run is refused at start, one line per device with its key, instead of failing each task that reaches it.
/// </summary>
public static class SiloModelCheck
{
    /// <summary>Checks the models of <paramref name="settings"/>.</summary>
    /// <param name="settings">The silo.</param>
    /// <param name="source">What to name in error messages (the config file).</param>
    /// <exception cref="SiloConfigException">A model cannot run.</exception>
    public static void Check(SiloSettings settings, string source)
    {
        var store = ModelStore.Open(settings.ModelsDirectory);
        var errors = new List<string>();
        var checkedModels = new Dictionary<(string, SessionTuning), string?>();
        for (var i = 0; i < settings.Devices.Count; i++)
        {
            var device = settings.Devices[i];
            var tuning = DeviceTuning.For(device);
            if (!checkedModels.TryGetValue((device.ModelId, tuning), out var problem))
            {
                problem = checkedModels[(device.ModelId, tuning)] = ProblemOf(store, device.ModelId, tuning);
            }

            if (problem is not null)
            {
                errors.Add($"{HeteroSiloOptions.SectionName}:Devices:{i}:Model: {problem}");
            }
        }

        if (errors.Count > 0)
        {
            throw new SiloConfigException(source, errors);
        }
    }

    private static string? ProblemOf(ModelStore store, string modelId, SessionTuning tuning)
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
