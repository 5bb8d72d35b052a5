using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// MobileNet v1 (Howard et al. 2017) for 32x32 CIFAR input: a 3x3 stem with stride 1 instead of 2, then the 13
/// depthwise-separable blocks of the original, all widths scaled by the width multiplier α.
/// </summary>
public static class MobileNetV1Architecture
{
    // (pointwise output channels at α = 1, stride of the depthwise convolution), as in the paper's Table 1.
    private static readonly (int Channels, int Stride)[] Blocks =
    [
        (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
        (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1),
    ];

    /// <summary>Builds the network with width multiplier <paramref name="alpha"/>.</summary>
    public static ModelProto Build(int classes, double alpha, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        int Width(int channels) => Math.Max(1, (int)(channels * alpha));

        var g = new OnnxGraphBuilder($"mobilenet-v1-{alpha}", seed);
        var x = g.Normalize(g.Input(ArchitectureNames.InputName, 3, 32, 32));
        var channels = Width(32);
        x = g.Op("Relu", "conv1.relu", g.BatchNorm(g.Conv(x, OnnxGraphBuilder.FirstConvolutionName, 3, channels, 3, 1), "conv1.bn", channels));
        for (var i = 0; i < Blocks.Length; i++)
        {
            var (outChannels, stride) = (Width(Blocks[i].Channels), Blocks[i].Stride);
            x = g.ConvBnRelu(x, $"block{i + 1}.dw", channels, channels, 3, stride, group: channels);
            x = g.ConvBnRelu(x, $"block{i + 1}.pw", channels, outChannels, 1, 1);
            channels = outChannels;
        }

        g.Dense(g.PoolFeatures(x), ArchitectureNames.OutputName, channels, classes);
        g.Output(ArchitectureNames.OutputName, classes);
        return g.Build();
    }
}
