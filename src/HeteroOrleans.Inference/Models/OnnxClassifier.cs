using System.Buffers;
using Microsoft.ML.OnnxRuntime;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// An ONNX Runtime session over a checked classifier: input <c>[N,3,32,32]</c> float of raw pixels, output
/// <c>[N, classes]</c>. Thread-safe; its calls block, so run them off the Orleans scheduler.
/// </summary>
public sealed class OnnxClassifier : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly string[] _inputs;
    private readonly string[] _outputs;

    private OnnxClassifier(ModelEntry entry, InferenceSession session)
    {
        Entry = entry;
        _session = session;
        (_inputs, _outputs) = ([entry.Input], [entry.Output]);
    }

    /// <summary>The manifest entry of the model.</summary>
    public ModelEntry Entry { get; }

    /// <summary>Opens <paramref name="path"/> and checks it against <paramref name="entry"/>.</summary>
    /// <exception cref="ModelManifestException">The file cannot be loaded or breaks the input/output contract.</exception>
    public static OnnxClassifier Open(ModelEntry entry, string path, SessionTuning tuning)
    {
        using var options = tuning.CreateOptions();
        InferenceSession session;
        try
        {
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelManifestException($"{path}: model '{entry.Id}' cannot be loaded by ONNX Runtime ({e.Message}).");
        }

        try
        {
            Validate(entry, path, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        return new OnnxClassifier(entry, session);
    }

    /// <summary>Classifies <paramref name="count"/> images of raw CIFAR-layout pixels.</summary>
    public Classification Classify(ReadOnlySpan<byte> pixels, int count)
    {
        if (pixels.Length != count * CifarDataset.ImageBytes)
        {
            throw new ArgumentException($"{pixels.Length} pixel bytes do not make {count} images of {CifarDataset.ImageBytes} bytes.");
        }

        // The pixels are widened once into a pooled input buffer, and ONNX Runtime writes the logits straight into the
        // one array the answer keeps: no tensor objects, no copies of the output.
        var input = ArrayPool<float>.Shared.Rent(pixels.Length);
        try
        {
            Widen(pixels, input);
            var logits = new float[count * Entry.ClassCount];
            using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, pixels.Length), [count, 3, 32, 32]);
            using var outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, logits.AsMemory(), [count, Entry.ClassCount]);
            _session.Run(_run, _inputs, [inputValue], _outputs, [outputValue]);
            return Decode(logits, count, Entry.ClassCount) with { Model = Entry.Reference };
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <summary>Fraction of <paramref name="data"/> this model labels right, against the labels of its label set.</summary>
    public double AccuracyOn(CifarDataset data)
    {
        const int batch = 50;
        var correct = 0;
        for (var t = 0; t < data.TaskCount(batch); t++)
        {
            var task = data.Batch(t, batch);
            var labels = Classify(task.Pixels, task.Count).Labels;
            var truth = Entry.Labels == LabelSet.Coarse ? task.CoarseLabels : task.FineLabels;
            correct += labels.Where((label, i) => label == truth[i]).Count();
        }

        return data.Count == 0 ? 0 : (double)correct / data.Count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _run.Dispose();
    }

    /// <summary>Raw CIFAR-layout pixels as the float input tensor's data (R, G, B planes of 32x32 are already NCHW).</summary>
    public static float[] ToFloats(ReadOnlySpan<byte> pixels)
    {
        var values = new float[pixels.Length];
        Widen(pixels, values);
        return values;
    }

    /// <summary>Writes <paramref name="pixels"/> as floats into the start of <paramref name="values"/>.</summary>
    public static void Widen(ReadOnlySpan<byte> pixels, Span<float> values)
    {
        for (var i = 0; i < pixels.Length; i++)
        {
            values[i] = pixels[i];
        }
    }

    /// <summary>Predicted class and softmax probability per image from row-major logits <c>[count, classes]</c>.</summary>
    public static Classification Decode(float[] logits, int count, int classes)
    {
        var labels = new int[count];
        var confidences = new float[count];
        for (var n = 0; n < count; n++)
        {
            var row = logits.AsSpan(n * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            double sum = 0;
            foreach (var value in row)
            {
                sum += Math.Exp(value - row[best]);
            }

            labels[n] = best;
            confidences[n] = (float)(1.0 / sum);
        }

        return new Classification(labels, confidences, logits, classes);
    }

    private static void Validate(ModelEntry entry, string path, InferenceSession session)
    {
        if (!session.InputMetadata.TryGetValue(entry.Input, out var input))
        {
            throw Invalid(path, entry, "input", $"the graph has no input '{entry.Input}' (it has: {string.Join(", ", session.InputMetadata.Keys)})");
        }

        if (input.ElementType != typeof(float))
        {
            throw Invalid(path, entry, "input", $"'{entry.Input}' is {input.ElementType.Name}, expected float");
        }

        var dims = input.Dimensions;
        if (dims.Length != 4 || dims[1] != 3 || dims[2] != 32 || dims[3] != 32)
        {
            throw Invalid(path, entry, "input", $"'{entry.Input}' has shape [{string.Join(",", dims)}], expected [N,3,32,32]");
        }

        if (!session.OutputMetadata.TryGetValue(entry.Output, out var output))
        {
            throw Invalid(path, entry, "output", $"the graph has no output '{entry.Output}' (it has: {string.Join(", ", session.OutputMetadata.Keys)})");
        }

        var outDims = output.Dimensions;
        if (outDims.Length != 2 || outDims[1] != entry.ClassCount)
        {
            throw Invalid(path, entry, "labels",
                $"'{entry.Output}' has shape [{string.Join(",", outDims)}], expected [N,{entry.ClassCount}] for {entry.Labels} labels");
        }
    }

    private static ModelManifestException Invalid(string path, ModelEntry entry, string field, string reason) =>
        new($"{path}: model '{entry.Id}' does not match its manifest field '{field}': {reason}.");
}
