using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// A model cut at its encryption head: the head runs on a trusted device, the tail on the device that owns the
/// model. Head then tail gives the whole model's logits.
/// </summary>
public sealed class SplitClassifier : IDisposable
{
    private readonly TensorSession _head;
    private readonly TensorSession _tail;

    private SplitClassifier(ModelEntry entry, TensorSession head, TensorSession tail)
    {
        Entry = entry;
        _head = head;
        _tail = tail;
    }

    /// <summary>The model's manifest entry.</summary>
    public ModelEntry Entry { get; }

    /// <summary>Splits the built model of <paramref name="entry"/> at its manifest's split tensor.</summary>
    public static SplitClassifier Open(ModelEntry entry, string path, SessionTuning tuning)
    {
        var split = GraphSplitter.Split(OnnxFiles.Read(path), entry.Split);
        return new SplitClassifier(entry, TensorSession.Open(split.Head, tuning), TensorSession.Open(split.Tail, tuning));
    }

    /// <summary>
    /// Runs the head on raw CIFAR-layout pixels; returns the encoded features (fp16 when <paramref name="half"/>)
    /// and one image's feature shape.
    /// </summary>
    public (byte[] Data, int[] Dims) Encrypt(ReadOnlySpan<byte> pixels, int count, bool half)
    {
        var (values, dims) = _head.RunPixels(pixels, count);
        return (FeatureCodec.Encode(values, half), dims[1..]);
    }

    /// <summary>Runs the tail on <paramref name="count"/> images' features from this model's head, each of shape <paramref name="dims"/>.</summary>
    public Classification Finish(ReadOnlySpan<byte> data, int count, int[] dims, bool half)
    {
        var values = FeatureCodec.Decode(data, half);
        var (logits, _) = _tail.Run(values, [count, .. dims]);
        return OnnxClassifier.Decode(logits, count, Entry.ClassCount);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _head.Dispose();
        _tail.Dispose();
    }
}
