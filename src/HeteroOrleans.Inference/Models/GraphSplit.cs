using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>A graph cut in two at <see cref="Tensor"/>: running <see cref="Head"/> then <see cref="Tail"/> gives the whole graph's output.</summary>
public sealed record GraphSplit(ModelProto Head, ModelProto Tail, string Tensor);
