using System.Collections.Concurrent;
using System.Security.Cryptography;
using HeteroOrleans.Contracts.Devices;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// The real predictions of each model for each image seen, keyed by the image's content. Emulated devices answer
/// from it, so they take the time their profile says while their accuracy stays that of the real model.
/// </summary>
public sealed class PredictionCache
{
    private readonly ConcurrentDictionary<(string Model, Guid Image), (int Label, float Confidence)> _predictions = new();

    /// <summary>Number of cached predictions.</summary>
    public int Count => _predictions.Count;

    /// <summary>
    /// The predictions of <paramref name="classifier"/> for a batch: from the cache, or computed for real (the
    /// whole batch, once) when any image is new.
    /// </summary>
    public Classification Classify(OnnxClassifier classifier, ReadOnlySpan<byte> pixels, int count)
    {
        var keys = new (string, Guid)[count];
        var labels = new int[count];
        var confidences = new float[count];
        var missing = false;
        for (var i = 0; i < count; i++)
        {
            keys[i] = (classifier.Entry.Id, new Guid(MD5.HashData(pixels.Slice(i * PixelBatch.ImageBytes, PixelBatch.ImageBytes))));
            missing |= !_predictions.ContainsKey(keys[i]);
        }

        if (missing)
        {
            var computed = classifier.Classify(pixels, count);
            for (var i = 0; i < count; i++)
            {
                _predictions[keys[i]] = (computed.Labels[i], computed.Confidences[i]);
            }

            return computed;
        }

        for (var i = 0; i < count; i++)
        {
            (labels[i], confidences[i]) = _predictions[keys[i]];
        }

        return new Classification(labels, confidences, [], classifier.Entry.ClassCount);
    }
}
