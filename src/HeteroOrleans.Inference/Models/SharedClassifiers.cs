using System.Collections.Concurrent;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// The sessions of one silo: devices that run the same model with the same tuning share one session
/// (ONNX Runtime sessions are thread-safe), so a silo with eight end devices loads the model once.
/// </summary>
/// <remarks>
/// The sessions live as long as the silo and are deliberately not disposed when it stops: a device's worker thread
/// may still be inside a native inference call then, and freeing the session under it crashes the process. The
/// garbage collector releases them once no worker holds them.
/// </remarks>
public sealed class SharedClassifiers(ModelStore store)
{
    private readonly ConcurrentDictionary<(string Model, SessionTuning Tuning), Lazy<OnnxClassifier>> _sessions = new();
    private readonly ConcurrentDictionary<(string Model, SessionTuning Tuning), Lazy<SplitClassifier>> _splits = new();

    /// <summary>The models this silo can load.</summary>
    public ModelStore Store { get; } = store;

    /// <summary>The session for <paramref name="modelId"/> with <paramref name="tuning"/>, opened on first use.</summary>
    public OnnxClassifier Get(string modelId, SessionTuning tuning) =>
        Open(_sessions, (modelId, tuning), key => Store.OpenClassifier(key.Model, key.Tuning));

    /// <summary>The head and tail sessions of <paramref name="modelId"/>, opened on first use.</summary>
    public SplitClassifier GetSplit(string modelId, SessionTuning tuning) =>
        Open(_splits, (modelId, tuning), key => SplitClassifier.Open(Store.Manifest.Get(key.Model), Store.EnsureBuilt(key.Model), key.Tuning));

    // Opens once for all devices; an open that fails is forgotten, so that the next device tries again rather than
    // inherit the failure for the silo's life (a Lazy keeps its exception).
    private static T Open<T>(ConcurrentDictionary<(string Model, SessionTuning Tuning), Lazy<T>> cache, (string Model, SessionTuning Tuning) key, Func<(string Model, SessionTuning Tuning), T> open)
    {
        var lazy = cache.GetOrAdd(key, k => new Lazy<T>(() => open(k)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<(string, SessionTuning), Lazy<T>>(key, lazy));
            throw;
        }
    }
}
