using Google.Protobuf;
using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// Writes an ONNX graph node by node with seeded He-initialised weights. Tensor names are kept readable
/// (<c>conv1</c>, <c>conv2</c>, …) so that a graph can later be split at a named tensor.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private const int OpsetVersion = 17;
    private readonly GraphProto _graph = new();
    private readonly Random _random;
    private int _nodeCount;

    /// <summary>Starts a graph whose weights are drawn from <paramref name="seed"/>.</summary>
    public OnnxGraphBuilder(string name, int seed)
    {
        _graph.Name = name;
        _random = new Random(seed);
    }

    /// <summary>Declares the float input <c>[N, channels, height, width]</c> with a symbolic batch dimension.</summary>
    public string Input(string name, int channels, int height, int width)
    {
        _graph.Input.Add(ValueInfo(name, [-1, channels, height, width]));
        return name;
    }

    /// <summary>Declares the float output <c>[N, classes]</c>.</summary>
    public void Output(string name, int classes) => _graph.Output.Add(ValueInfo(name, [-1, classes]));

    /// <summary>Adds a constant float tensor.</summary>
    public string Constant(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A convolution with He-initialised weights and zero bias.</summary>
    public string Conv(string input, string output, int inChannels, int outChannels, int kernel, int stride, int group = 1)
    {
        var fanIn = inChannels / group * kernel * kernel;
        var weights = Constant($"{output}.weight", [outChannels, inChannels / group, kernel, kernel],
            HeNormal(outChannels * fanIn, fanIn));
        var bias = Constant($"{output}.bias", [outChannels], new float[outChannels]);
        var pad = kernel / 2;
        var node = Node("Conv", [input, weights, bias], output);
        node.Attribute.Add(Ints("kernel_shape", kernel, kernel));
        node.Attribute.Add(Ints("strides", stride, stride));
        node.Attribute.Add(Ints("pads", pad, pad, pad, pad));
        node.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = group });
        return output;
    }

    /// <summary>A fully connected layer <c>[N, inFeatures] → [N, outFeatures]</c>.</summary>
    public string Dense(string input, string output, int inFeatures, int outFeatures)
    {
        var weights = Constant($"{output}.weight", [outFeatures, inFeatures], HeNormal(outFeatures * inFeatures, inFeatures));
        var bias = Constant($"{output}.bias", [outFeatures], new float[outFeatures]);
        var node = Node("Gemm", [input, weights, bias], output);
        node.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        return output;
    }

    /// <summary>An operator without attributes (Relu, Add, Sub, Div, GlobalAveragePool, Flatten …).</summary>
    public string Op(string opType, string output, params string[] inputs)
    {
        Node(opType, inputs, output);
        return output;
    }

    /// <summary>The finished model.</summary>
    public ModelProto Build()
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "HeteroOrleans",
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        return model;
    }

    private NodeProto Node(string opType, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{_nodeCount++}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        _graph.Node.Add(node);
        return node;
    }

    private float[] HeNormal(int count, int fanIn)
    {
        var std = Math.Sqrt(2.0 / fanIn);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            // Box-Muller: System.Random(seed) is stable across runs, so weights are deterministic.
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            values[i] = (float)(std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return values;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static ValueInfoProto ValueInfo(string name, long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim < 0
                ? new TensorShapeProto.Types.Dimension { DimParam = "N" }
                : new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }
}
