using Google.Protobuf;
using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// Writes an ONNX graph node by node with seeded He-initialised weights. Tensor names are kept readable
/// (<c>conv1</c>, <c>conv2</c>, …) so that a graph can later be split at a named tensor.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>Name of the pooled feature vector every architecture ends with, before its classifier.</summary>
    public const string FeaturesName = "features";

    /// <summary>Name of the first convolution's output: where the encryption head ends.</summary>
    public const string FirstConvolutionName = "conv1";

    /// <summary>Infix of batch-norm running statistics, which are not learnt parameters.</summary>
    public const string RunningStatisticSuffix = ".running_";

    /// <summary>Prefix of the input normalisation constants, which are not learnt parameters.</summary>
    public const string NormalizationPrefix = "norm.";

    private const int OpsetVersion = 17;

    // CIFAR-100 training-set channel statistics on the 0-255 scale.
    private static readonly float[] ChannelMean = [129.3f, 124.1f, 112.4f];
    private static readonly float[] ChannelStd = [68.2f, 65.4f, 70.4f];
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

    /// <summary>A convolution with He-initialised weights and no bias.</summary>
    public string Conv(string input, string output, int inChannels, int outChannels, int kernel, int stride, int group = 1)
    {
        var fanIn = inChannels / group * kernel * kernel;
        var weights = Constant($"{output}.weight", [outChannels, inChannels / group, kernel, kernel],
            HeNormal(outChannels * fanIn, fanIn));
        // No bias: every convolution here is followed by batch normalisation, whose shift plays that part.
        var pad = kernel / 2;
        var node = Node("Conv", [input, weights], output);
        node.Attribute.Add(Ints("kernel_shape", kernel, kernel));
        node.Attribute.Add(Ints("strides", stride, stride));
        node.Attribute.Add(Ints("pads", pad, pad, pad, pad));
        node.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = group });
        return output;
    }

    /// <summary>
    /// Batch normalisation in inference form with fresh statistics (scale 1, shift 0, mean 0, variance 1), as a
    /// network has before training; ONNX Runtime folds it into the preceding convolution.
    /// </summary>
    public string BatchNorm(string input, string output, int channels)
    {
        var scale = Constant($"{output}.scale", [channels], Filled(channels, 1f));
        var shift = Constant($"{output}.shift", [channels], new float[channels]);
        var mean = Constant($"{output}{RunningStatisticSuffix}mean", [channels], new float[channels]);
        var variance = Constant($"{output}{RunningStatisticSuffix}var", [channels], Filled(channels, 1f));
        var node = Node("BatchNormalization", [input, scale, shift, mean, variance], output);
        node.Attribute.Add(new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = 1e-5f });
        return output;
    }

    /// <summary>Convolution, batch normalisation and ReLU: the unit most networks are made of.</summary>
    public string ConvBnRelu(string input, string name, int inChannels, int outChannels, int kernel, int stride, int group = 1) =>
        Op("Relu", $"{name}.relu", BatchNorm(Conv(input, name, inChannels, outChannels, kernel, stride, group), $"{name}.bn", outChannels));

    /// <summary>Scales raw 0-255 pixels to zero mean and unit variance per channel, inside the graph.</summary>
    public string Normalize(string input)
    {
        var mean = Constant($"{NormalizationPrefix}mean", [1, 3, 1, 1], ChannelMean);
        var std = Constant($"{NormalizationPrefix}std", [1, 3, 1, 1], ChannelStd);
        return Op("Div", "normalized", Op("Sub", "centered", input, mean), std);
    }

    /// <summary>Global average pooling and flattening to <c>[N, channels]</c>: the tensor named <see cref="FeaturesName"/>.</summary>
    public string PoolFeatures(string input) => Op("Flatten", FeaturesName, Op("GlobalAveragePool", "pooled", input));

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

    private static float[] Filled(int count, float value)
    {
        var values = new float[count];
        Array.Fill(values, value);
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
