using System.Buffers;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// An ONNX Runtime session over any one-input, one-output float graph (a split head or tail, a feature
/// extractor). Thread-safe; its calls block.
/// </summary>
public sealed class TensorSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly string[] _input;
    private readonly string[] _output;

    private TensorSession(InferenceSession session)
    {
        _session = session;
        _input = [session.InputMetadata.Keys.Single()];
        _output = [session.OutputMetadata.Keys.First()];
    }

    /// <summary>Opens a session over an in-memory graph.</summary>
    public static TensorSession Open(ModelProto model, SessionTuning tuning)
    {
        using var options = tuning.CreateOptions();
        return new TensorSession(new InferenceSession(model.ToByteArray(), options));
    }

    /// <summary>Runs the graph on a tensor of <paramref name="dims"/> and returns its output and shape.</summary>
    public (float[] Values, int[] Dims) Run(float[] values, int[] dims) => Run(values.AsMemory(), dims);

    /// <summary>Runs the graph on the first values of <paramref name="values"/> (the tensor's size); the input is used in place, not copied.</summary>
    public (float[] Values, int[] Dims) Run(Memory<float> values, int[] dims)
    {
        var shape = Array.ConvertAll(dims, d => (long)d);
        var size = (int)shape.Aggregate(1L, (a, b) => a * b);
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, values[..size], shape);
        using var results = _session.Run(_run, _input, [input], _output);
        var output = results[0];
        return (output.GetTensorDataAsSpan<float>().ToArray(), Array.ConvertAll(output.GetTensorTypeAndShape().Shape, d => (int)d));
    }

    /// <summary>Runs the graph on raw CIFAR-layout pixels of <paramref name="count"/> images, widened into a pooled buffer.</summary>
    public (float[] Values, int[] Dims) RunPixels(ReadOnlySpan<byte> pixels, int count)
    {
        var input = ArrayPool<float>.Shared.Rent(pixels.Length);
        try
        {
            OnnxClassifier.Widen(pixels, input);
            return Run(input.AsMemory(0, pixels.Length), [count, 3, 32, 32]);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _run.Dispose();
    }
}
