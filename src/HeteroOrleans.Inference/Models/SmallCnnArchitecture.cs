using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// A small CIFAR CNN: normalisation inside the graph, then three 3x3 convolutions (the second and third with
/// stride 2) with ReLU, global average pooling and a dense classifier. The first convolution's output is the
/// tensor <c>conv1</c>, where the graph's encryption head ends.
/// </summary>
public static class SmallCnnArchitecture
{
    /// <summary>Name of the graph's input: <c>[N,3,32,32]</c> float, raw 0-255 pixels.</summary>
    public const string InputName = "input";

    /// <summary>Name of the graph's output: <c>[N, classes]</c> logits.</summary>
    public const string OutputName = "logits";

    // CIFAR-100 training-set channel statistics on the 0-255 scale.
    private static readonly float[] ChannelMean = [129.3f, 124.1f, 112.4f];
    private static readonly float[] ChannelStd = [68.2f, 65.4f, 70.4f];

    /// <summary>Builds the network with <paramref name="width"/> channels after the first convolution.</summary>
    public static ModelProto Build(int classes, int width, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var g = new OnnxGraphBuilder($"small-cnn-w{width}-c{classes}", seed);
        var x = g.Input(InputName, 3, 32, 32);
        var mean = g.Constant("norm.mean", [1, 3, 1, 1], ChannelMean);
        var std = g.Constant("norm.std", [1, 3, 1, 1], ChannelStd);
        x = g.Op("Div", "normalized", g.Op("Sub", "centered", x, mean), std);
        x = g.Op("Relu", "conv1.relu", g.Conv(x, "conv1", 3, width, 3, 1));
        x = g.Op("Relu", "conv2.relu", g.Conv(x, "conv2", width, width * 2, 3, 2));
        x = g.Op("Relu", "conv3.relu", g.Conv(x, "conv3", width * 2, width * 4, 3, 2));
        x = g.Op("Flatten", "features", g.Op("GlobalAveragePool", "pooled", x));
        g.Dense(x, OutputName, width * 4, classes);
        g.Output(OutputName, classes);
        return g.Build();
    }
}
