using HeteroOrleans.Inference.Privacy;
using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// A model cut at one of its legal cuts: the head runs on a trusted device, the tail on the device that owns the
/// model. Head then tail gives the whole model's logits.
/// </summary>
public sealed class SplitClassifier : IDisposable
{
    private readonly TensorSession _head;
    private readonly TensorSession _tail;

    private SplitClassifier(ModelEntry entry, string cut, TensorSession head, TensorSession tail)
    {
        Entry = entry;
        Cut = cut;
        _head = head;
        _tail = tail;
    }

    /// <summary>The model's manifest entry.</summary>
    public ModelEntry Entry { get; }

    /// <summary>The tensor where the model is cut.</summary>
    public string Cut { get; }

    /// <summary>Splits the built model of <paramref name="entry"/> at <paramref name="cut"/>.</summary>
    /// <exception cref="ModelManifestException">The model has no tensor <paramref name="cut"/>, or a shortcut crosses it.</exception>
    public static SplitClassifier Open(ModelEntry entry, string path, string cut, SessionTuning tuning)
    {
        var split = GraphSplitter.Split(OnnxFiles.Read(path), cut);
        return new SplitClassifier(entry, cut, TensorSession.Open(split.Head, tuning), TensorSession.Open(split.Tail, tuning));
    }

    /// <summary>Runs the head on raw CIFAR-layout pixels; returns the encoded features and one image's feature shape.</summary>
    public (byte[] Data, int[] Dims) Encrypt(ReadOnlySpan<byte> pixels, int count, FeatureEncoding encoding)
    {
        var (values, dims) = _head.RunPixels(pixels, count);
        return (FeatureCodec.Encode(values, count, dims[1..], encoding), dims[1..]);
    }

    /// <summary>Runs the tail on <paramref name="count"/> images' features from this model's head, each of shape <paramref name="dims"/>.</summary>
    /// <exception cref="ArgumentException">The data does not fit the count, shape and encoding.</exception>
    public Classification Finish(ReadOnlySpan<byte> data, int count, int[] dims, FeatureEncoding encoding)
    {
        var values = FeatureCodec.Decode(data, count, dims, encoding);
        var (logits, _) = _tail.Run(values, [count, .. dims]);
        return OnnxClassifier.Decode(logits, count, Entry.ClassCount) with { Model = Entry.Reference };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _head.Dispose();
        _tail.Dispose();
    }
}
