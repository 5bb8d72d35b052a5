using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>
/// Wide residual network WRN-d-k (Zagoruyko and Komodakis 2016): a 3x3 stem of 16 channels, three groups of
/// (d-4)/6 pre-activation blocks of 16k, 32k, 64k channels, then batch norm, ReLU and pooling. Dropout is an
/// identity at inference and is left out.
/// </summary>
public static class WideResNetArchitecture
{
    /// <summary>Builds WRN-<paramref name="depth"/>-<paramref name="widen"/>.</summary>
    public static ModelProto Build(int classes, int depth, int widen, int seed)
    {
        if (depth < 10 || (depth - 4) % 6 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(depth), depth, "WRN depth must be 6n + 4 with n >= 1 (10, 16, 22, 28, …).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widen);
        var blocksPerGroup = (depth - 4) / 6;
        var g = new OnnxGraphBuilder($"wrn-{depth}-{widen}", seed);
        var x = g.Normalize(g.Input(ArchitectureNames.InputName, 3, 32, 32));
        x = g.Conv(x, OnnxGraphBuilder.FirstConvolutionName, 3, 16, 3, 1);
        var channels = 16;
        for (var group = 0; group < 3; group++)
        {
            var width = 16 * widen << group;
            for (var block = 0; block < blocksPerGroup; block++)
            {
                var stride = block == 0 && group > 0 ? 2 : 1;
                x = PreActivationBlock(g, x, $"group{group + 1}.block{block + 1}", channels, width, stride);
                channels = width;
            }
        }

        x = g.Op("Relu", "final.relu", g.BatchNorm(x, "final.bn", channels));
        g.Dense(g.PoolFeatures(x), ArchitectureNames.OutputName, channels, classes);
        g.Output(ArchitectureNames.OutputName, classes);
        return g.Build();
    }

    private static string PreActivationBlock(OnnxGraphBuilder g, string x, string name, int inChannels, int outChannels, int stride)
    {
        var activated = g.Op("Relu", $"{name}.relu1", g.BatchNorm(x, $"{name}.bn1", inChannels));
        var y = g.Conv(activated, $"{name}.conv1", inChannels, outChannels, 3, stride);
        y = g.Op("Relu", $"{name}.relu2", g.BatchNorm(y, $"{name}.bn2", outChannels));
        y = g.Conv(y, $"{name}.conv2", outChannels, outChannels, 3, 1);
        var shortcut = stride == 1 && inChannels == outChannels ? x : g.Conv(activated, $"{name}.shortcut", inChannels, outChannels, 1, stride);
        return g.Op("Add", $"{name}.add", y, shortcut);
    }
}
