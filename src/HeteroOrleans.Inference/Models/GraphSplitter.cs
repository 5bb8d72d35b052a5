using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// Cuts any single-input ONNX graph at a named tensor. The head computes the tensor from the graph's input,
/// the tail computes the graph's outputs from the tensor alone. Used for the encryption head (the first
/// convolution, run on a trusted device) and for reading a network's pooled features.
/// </summary>
public static class GraphSplitter
{
    /// <summary>Splits <paramref name="model"/> at <paramref name="tensor"/>.</summary>
    /// <exception cref="ModelManifestException">No node produces the tensor, or the tail would still need something else from the head.</exception>
    public static GraphSplit Split(ModelProto model, string tensor)
    {
        var graph = model.Graph;
        var head = HeadOf(model, tensor, out var problem) ?? throw new ModelManifestException(problem!);
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet();
        var headModel = NewModel(model, $"{graph.Name}.head", graph.Node.Where(head.Contains));
        headModel.Graph.Input.AddRange(graph.Input.Where(i => !initializers.Contains(i.Name)).Select(i => i.Clone()));
        headModel.Graph.Output.Add(FloatTensor(tensor));
        CopyInitializers(graph, headModel.Graph);

        var tailModel = NewModel(model, $"{graph.Name}.tail", graph.Node.Where(n => !head.Contains(n)));
        tailModel.Graph.Input.Add(FloatTensor(tensor));
        tailModel.Graph.Output.AddRange(graph.Output.Select(o => o.Clone()));
        CopyInitializers(graph, tailModel.Graph);
        return new GraphSplit(headModel, tailModel, tensor);
    }

    /// <summary>
    /// The nodes before the cut at <paramref name="tensor"/>, or null with the <paramref name="problem"/> when there is
    /// no such cut: no node produces the tensor, or a shortcut crosses it (the rest of the graph needs another tensor
    /// from before it).
    /// </summary>
    public static IReadOnlySet<NodeProto>? HeadOf(ModelProto model, string tensor, out string? problem)
    {
        var graph = model.Graph;
        var producers = new Dictionary<string, NodeProto>();
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                producers[output] = node;
            }
        }

        if (!producers.ContainsKey(tensor))
        {
            problem = $"graph '{graph.Name}' has no tensor '{tensor}' produced by a node, so it cannot be split there.";
            return null;
        }

        var head = HeadNodes(producers, tensor);
        var tail = graph.Node.Where(n => !head.Contains(n)).ToList();
        var available = tail.SelectMany(n => n.Output).Append(tensor)
            .Concat(graph.Initializer.Select(t => t.Name)).Append(string.Empty).ToHashSet();
        var leak = tail.SelectMany(n => n.Input).FirstOrDefault(i => !available.Contains(i));
        if (leak is not null)
        {
            problem = $"graph '{graph.Name}' cannot be cut at '{tensor}': the rest of the graph also needs '{leak}' from before the cut.";
            return null;
        }

        problem = null;
        return head;
    }

    private static HashSet<NodeProto> HeadNodes(Dictionary<string, NodeProto> producers, string tensor)
    {
        var head = new HashSet<NodeProto>();
        var pending = new Stack<string>([tensor]);
        while (pending.TryPop(out var name))
        {
            if (producers.TryGetValue(name, out var node) && head.Add(node))
            {
                foreach (var input in node.Input)
                {
                    pending.Push(input);
                }
            }
        }

        return head;
    }

    private static ModelProto NewModel(ModelProto source, string name, IEnumerable<NodeProto> nodes)
    {
        var model = new ModelProto
        {
            IrVersion = source.IrVersion,
            ProducerName = source.ProducerName,
            Graph = new GraphProto { Name = name },
        };
        model.OpsetImport.AddRange(source.OpsetImport.Select(o => o.Clone()));
        model.Graph.Node.AddRange(nodes.Select(n => n.Clone()));
        return model;
    }

    // Each half keeps only the initializers its own nodes read.
    private static void CopyInitializers(GraphProto source, GraphProto target)
    {
        var used = target.Node.SelectMany(n => n.Input).ToHashSet();
        target.Initializer.AddRange(source.Initializer.Where(t => used.Contains(t.Name)).Select(t => t.Clone()));
    }

    // The cut tensor's shape depends on the graph; its rank and sizes are left for ONNX Runtime to infer.
    private static ValueInfoProto FloatTensor(string name) => new()
    {
        Name = name,
        Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
    };
}
