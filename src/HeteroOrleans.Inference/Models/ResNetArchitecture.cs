using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// ResNet with basic blocks (He et al. 2016) in its CIFAR form: a 3x3 stem with stride 1 and no max-pooling,
/// four stages of basic blocks (ResNet-34: 3, 4, 6, 3) of 64, 128, 256, 512 channels, projection shortcuts
/// where the shape changes.
/// </summary>
public static class ResNetArchitecture
{
    /// <summary>Blocks per stage for the depths the builder knows.</summary>
    public static IReadOnlyDictionary<int, int[]> StagesByDepth { get; } = new Dictionary<int, int[]>
    {
        [10] = [1, 1, 1, 1],
        [18] = [2, 2, 2, 2],
        [34] = [3, 4, 6, 3],
    };

    /// <summary>Builds ResNet-<paramref name="depth"/> whose first stage has <paramref name="baseWidth"/> channels.</summary>
    public static ModelProto Build(int classes, int depth, int baseWidth, int seed)
    {
        if (!StagesByDepth.TryGetValue(depth, out var stages))
        {
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"ResNet depth must be one of {string.Join(", ", StagesByDepth.Keys)}.");
        }

        var g = new OnnxGraphBuilder($"resnet-{depth}-w{baseWidth}", seed);
        var x = g.Normalize(g.Input(ArchitectureNames.InputName, 3, 32, 32));
        x = g.Op("Relu", "conv1.relu", g.BatchNorm(g.Conv(x, OnnxGraphBuilder.FirstConvolutionName, 3, baseWidth, 3, 1), "conv1.bn", baseWidth));
        var channels = baseWidth;
        for (var stage = 0; stage < stages.Length; stage++)
        {
            var width = baseWidth << stage;
            for (var block = 0; block < stages[stage]; block++)
            {
                var stride = block == 0 && stage > 0 ? 2 : 1;
                x = BasicBlock(g, x, $"stage{stage + 1}.block{block + 1}", channels, width, stride);
                channels = width;
            }
        }

        g.Dense(g.PoolFeatures(x), ArchitectureNames.OutputName, channels, classes);
        g.Output(ArchitectureNames.OutputName, classes);
        return g.Build();
    }

    private static string BasicBlock(OnnxGraphBuilder g, string x, string name, int inChannels, int outChannels, int stride)
    {
        var y = g.ConvBnRelu(x, $"{name}.conv1", inChannels, outChannels, 3, stride);
        y = g.BatchNorm(g.Conv(y, $"{name}.conv2", outChannels, outChannels, 3, 1), $"{name}.conv2.bn", outChannels);
        var shortcut = stride == 1 && inChannels == outChannels
            ? x
            : g.BatchNorm(g.Conv(x, $"{name}.shortcut", inChannels, outChannels, 1, stride), $"{name}.shortcut.bn", outChannels);
        return g.Op("Relu", $"{name}.relu", g.Op("Add", $"{name}.add", y, shortcut));
    }
}
