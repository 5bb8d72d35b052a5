using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// An ONNX Runtime session over any one-input, one-output float graph (a split head or tail, a feature
/// extractor). Thread-safe; its calls block.
/// </summary>
public sealed class TensorSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;

    private TensorSession(InferenceSession session)
    {
        _session = session;
        _input = session.InputMetadata.Keys.Single();
        _output = session.OutputMetadata.Keys.First();
    }

    /// <summary>Opens a session over an in-memory graph.</summary>
    public static TensorSession Open(ModelProto model, SessionTuning tuning)
    {
        using var options = tuning.CreateOptions();
        return new TensorSession(new InferenceSession(model.ToByteArray(), options));
    }

    /// <summary>Runs the graph on a tensor of <paramref name="dims"/> and returns its output and shape.</summary>
    public (float[] Values, int[] Dims) Run(float[] values, int[] dims)
    {
        var tensor = new DenseTensor<float>(values, dims);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_input, tensor)], [_output]);
        var output = results[0].AsTensor<float>();
        return (output.ToArray(), output.Dimensions.ToArray());
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
