using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// The places a model can be cut for encryption: every tensor from the first convolution on that no shortcut crosses,
/// with its shape, and the work before and after it. Found once per model by running the graph on one blank image with
/// every tensor as an output, so the shapes are ONNX Runtime's own.
/// </summary>
public sealed class ModelCuts
{
    // Operators whose outputs are not float tensors: never a cut, and not asked of the shape run.
    private static readonly HashSet<string> NonFloatOperators = ["Shape", "Size", "NonZero", "ArgMax", "ArgMin", "Cast", "ConstantOfShape"];

    private readonly Dictionary<string, ModelCut> _byTensor;

    private ModelCuts(IReadOnlyList<ModelCut> cuts, double totalFlops)
    {
        Cuts = cuts;
        TotalFlops = totalFlops;
        _byTensor = cuts.ToDictionary(c => c.Tensor);
    }

    /// <summary>The legal cuts, from the input side to the output side.</summary>
    public IReadOnlyList<ModelCut> Cuts { get; }

    /// <summary>Floating-point operations of the whole model per image.</summary>
    public double TotalFlops { get; }

    /// <summary>The cut at <paramref name="tensor"/>, or null when the model has no legal cut there.</summary>
    public ModelCut? Find(string tensor) => _byTensor.GetValueOrDefault(tensor);

    /// <summary>Finds the legal cuts of <paramref name="model"/>, which takes one <c>[N,3,32,32]</c> image input.</summary>
    /// <exception cref="ModelManifestException">The graph cannot be run to learn its shapes.</exception>
    public static ModelCuts Of(ModelProto model)
    {
        var graph = model.Graph;
        var shapes = Shapes(model);
        var flops = graph.Node.ToDictionary(n => n, n => Flops(n, graph, shapes));
        var total = flops.Values.Sum();
        var firstConvolution = graph.Node.FirstOrDefault(n => n.OpType == "Conv");
        var outputs = graph.Output.Select(o => o.Name).ToHashSet();
        var cuts = new List<ModelCut>();
        if (firstConvolution is null)
        {
            return new ModelCuts(cuts, total);
        }

        foreach (var node in graph.Node.Where(n => !NonFloatOperators.Contains(n.OpType)))
        {
            foreach (var tensor in node.Output.Where(t => !outputs.Contains(t) && shapes.ContainsKey(t)))
            {
                // Before the first convolution the tensor is the image itself, up to an affine change: it hides nothing.
                if (GraphSplitter.HeadOf(model, tensor, out _) is { } head && head.Contains(firstConvolution))
                {
                    cuts.Add(new ModelCut(tensor, shapes[tensor], head.Sum(n => flops[n]), total));
                }
            }
        }

        return new ModelCuts(cuts, total);
    }

    // One image's shape of every float tensor a node produces.
    private static Dictionary<string, int[]> Shapes(ModelProto model)
    {
        var probe = model.Clone();
        var graph = probe.Graph;
        var declared = graph.Output.Select(o => o.Name).ToHashSet();
        foreach (var tensor in graph.Node.Where(n => !NonFloatOperators.Contains(n.OpType)).SelectMany(n => n.Output).Where(t => t.Length > 0 && !declared.Contains(t)))
        {
            graph.Output.Add(new ValueInfoProto
            {
                Name = tensor,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }

        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet();
        var input = graph.Input.First(i => !initializers.Contains(i.Name)).Name;
        try
        {
            using var options = SessionTuning.Default.CreateOptions();
            options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
            using var session = new InferenceSession(probe.ToByteArray(), options);
            using var image = OrtValue.CreateTensorValueFromMemory(new float[3 * 32 * 32], [1, 3, 32, 32]);
            using var run = new RunOptions();
            var names = session.OutputMetadata.Keys.ToArray();
            using var results = session.Run(run, [input], [image], names);
            var shapes = new Dictionary<string, int[]>();
            for (var i = 0; i < names.Length; i++)
            {
                shapes[names[i]] = Array.ConvertAll(results[i].GetTensorTypeAndShape().Shape[1..], d => (int)d);
            }

            return shapes;
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelManifestException($"graph '{model.Graph.Name}' cannot be run on one blank image to learn where it may be cut ({e.Message}).");
        }
    }

    // Convolutions and dense layers count two operations a multiply-add; any other node one a value it writes.
    private static double Flops(NodeProto node, GraphProto graph, Dictionary<string, int[]> shapes)
    {
        var written = node.Output.Where(shapes.ContainsKey).Sum(t => (double)shapes[t].Aggregate(1L, (a, b) => a * b));
        var weights = node.Input.Count > 1 ? graph.Initializer.FirstOrDefault(t => t.Name == node.Input[1]) : null;
        return node.OpType switch
        {
            // Weights [out, in / groups, kernel…]: each output value reads in / groups × kernel inputs.
            "Conv" when weights is not null => 2 * written * weights.Dims.Skip(1).Aggregate(1L, (a, b) => a * b),
            "Gemm" or "MatMul" when weights is not null => 2 * written * Inner(node, weights),
            _ => written,
        };
    }

    // The length of the dot product behind each output of a dense layer: the weights' shared dimension.
    private static long Inner(NodeProto node, TensorProto weights)
    {
        var transposed = node.Attribute.Any(a => a.Name == "transB" && a.I == 1);
        return transposed ? weights.Dims[^1] : weights.Dims[0];
    }
}
