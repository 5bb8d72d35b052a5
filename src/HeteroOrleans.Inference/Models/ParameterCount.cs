using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>Counts a graph's learnt parameters the way architecture papers do.</summary>
public static class ParameterCount
{
    /// <summary>
    /// Elements of every initializer except batch-norm running statistics and input normalisation constants,
    /// which are not learnt.
    /// </summary>
    public static long Of(ModelProto model) =>
        model.Graph.Initializer
            .Where(t => !t.Name.Contains(OnnxGraphBuilder.RunningStatisticSuffix, StringComparison.Ordinal)
                        && !t.Name.StartsWith(OnnxGraphBuilder.NormalizationPrefix, StringComparison.Ordinal))
            .Sum(t => t.Dims.Aggregate(1L, (product, dim) => product * dim));
}
