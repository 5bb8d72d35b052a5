using System.Collections.Concurrent;
using System.IO.Hashing;
using HeteroOrleans.Inference.Models;
using HeteroOrleans.Inference.Privacy;

namespace HeteroOrleans.Inference.Emulation;

/// <summary>
/// The real predictions of each model for each image seen, keyed by the image's content. Emulated devices answer
/// from it, so they take the time their profile says while their accuracy stays that of the real model.
/// </summary>
public sealed class PredictionCache
{
    private readonly ConcurrentDictionary<(string Model, UInt128 Image), (int Label, float Confidence)> _predictions = new();

    /// <summary>
    /// The predictions of <paramref name="classifier"/> for a batch: from the cache, or computed for real (the
    /// whole batch, once) when any image is new.
    /// </summary>
    public Classification Classify(OnnxClassifier classifier, byte[] pixels, int count) =>
        Classify(classifier.Entry.Reference, classifier.Entry.Reference, pixels, count, classifier.Entry.ClassCount, () => classifier.Classify(pixels, count));

    /// <summary>The predictions of <paramref name="split"/>'s tail for encrypted features, cached by the features' content.</summary>
    public Classification Finish(SplitClassifier split, byte[] data, int count, int[] dims, FeatureEncoding encoding) =>
        Classify($"{split.Entry.Reference}/{split.Cut}/{encoding}", split.Entry.Reference, data, count, split.Entry.ClassCount, () => split.Finish(data, count, dims, encoding));

    // Each of the count items of the batch is keyed by the hash of its bytes (XxHash128: fast enough that an emulated
    // device's time is not spent hashing a batch of large feature maps); any miss computes the whole batch.
    private Classification Classify(string key, string model, ReadOnlySpan<byte> items, int count, int classes, Func<Classification> compute)
    {
        var itemBytes = items.Length / count;
        var keys = new (string, UInt128)[count];
        var missing = false;
        for (var i = 0; i < count; i++)
        {
            keys[i] = (key, XxHash128.HashToUInt128(items.Slice(i * itemBytes, itemBytes)));
            missing |= !_predictions.ContainsKey(keys[i]);
        }

        if (missing)
        {
            var computed = compute();
            for (var i = 0; i < count; i++)
            {
                _predictions[keys[i]] = (computed.Labels[i], computed.Confidences[i]);
            }

            return computed;
        }

        var labels = new int[count];
        var confidences = new float[count];
        for (var i = 0; i < count; i++)
        {
            (labels[i], confidences[i]) = _predictions[keys[i]];
        }

        return new Classification(labels, confidences, [], classes, model);
    }
}
