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
    private readonly ConcurrentDictionary<(string Model, string Cut, SessionTuning Tuning), Lazy<SplitClassifier>> _splits = new();
    private readonly ConcurrentDictionary<string, Lazy<ModelCuts>> _cuts = new();

    /// <summary>The models this silo can load.</summary>
    public ModelStore Store { get; } = store;

    /// <summary>
    /// The session for <paramref name="model"/> (an id: its first version; or <c>id@version</c>) with
    /// <paramref name="tuning"/>, opened on first use.
    /// </summary>
    public OnnxClassifier Get(string model, SessionTuning tuning) =>
        Open(_sessions, (Reference(model), tuning), key => Store.OpenClassifier(key.Item1, key.Item2));

    /// <summary>The head and tail sessions of <paramref name="model"/> cut at <paramref name="cut"/>, opened on first use.</summary>
    public SplitClassifier GetSplit(string model, string cut, SessionTuning tuning) =>
        Open(_splits, (Reference(model), cut, tuning), key => SplitClassifier.Open(Store.Manifest.Get(key.Item1), Store.EnsureBuilt(key.Item1), key.Item2, key.Item3));

    /// <summary>The legal cuts of <paramref name="model"/>, found on first use.</summary>
    public ModelCuts GetCuts(string model) =>
        Open(_cuts, Reference(model), id => ModelCuts.Of(OnnxFiles.Read(Store.EnsureBuilt(id))));

    /// <summary>
    /// Lets go of <paramref name="model"/>'s session with <paramref name="tuning"/>: a device that moved to another version
    /// drops the one it ran. Whoever still holds the session keeps running it; the collector frees it after the last.
    /// </summary>
    public void Forget(string model, SessionTuning tuning) => _sessions.TryRemove((Reference(model), tuning), out _);

    // One key per version, however it is named: "resnet-10-w16" and "resnet-10-w16@1" are one session.
    private string Reference(string model) => Store.Manifest.Get(model).Reference;

    // Opens once for all devices; an open that fails is forgotten, so that the next device tries again rather than
    // inherit the failure for the silo's life (a Lazy keeps its exception).
    private static T Open<TKey, T>(ConcurrentDictionary<TKey, Lazy<T>> cache, TKey key, Func<TKey, T> open)
        where TKey : notnull
    {
        var lazy = cache.GetOrAdd(key, k => new Lazy<T>(() => open(k)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<TKey, Lazy<T>>(key, lazy));
            throw;
        }
    }
}
