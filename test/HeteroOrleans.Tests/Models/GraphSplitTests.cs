using Onnx;

namespace HeteroOrleans.Tests.Models;

public sealed class GraphSplitTests
{
    public static TheoryData<string, int, double, int> Networks => new()
    {
        { "mobilenet-v1", 0, 0.125, 20 },
        { "resnet", 10, 4, 100 },
        { "wrn", 10, 1, 100 },
        { "mobilenet-v1", 0, 0.5, 20 }, // the paper's full end-device network
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Head_then_tail_gives_the_whole_models_logits(string architecture, int depth, double width, int classes)
    {
        var model = ModelArchitectures.Build("m", new ModelRecipe(architecture, depth, width, Seed: 5), classes);
        var split = GraphSplitter.Split(model, "conv1");
        var input = OnnxClassifier.ToFloats(SyntheticCifar.Generate(8).CreateTask(0, 8).Pixels);
        int[] dims = [8, 3, 32, 32];

        using var whole = TensorSession.Open(model, Inference.Models.SessionTuning.Default);
        using var head = TensorSession.Open(split.Head, Inference.Models.SessionTuning.Default);
        using var tail = TensorSession.Open(split.Tail, Inference.Models.SessionTuning.Default);
        var expected = whole.Run(input, dims).Values;
        var (features, featureDims) = head.Run(input, dims);
        var actual = tail.Run(features, featureDims).Values;

        Assert.Equal(4, featureDims.Length);
        Assert.Equal([8, 32, 32], new[] { featureDims[0], featureDims[2], featureDims[3] });
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-4f));
    }

    [Fact]
    public void The_head_holds_only_the_first_convolution_and_the_normalisation()
    {
        var model = ModelArchitectures.Build("m", new ModelRecipe("wrn", 10, 1, 1), 100);
        var split = GraphSplitter.Split(model, "conv1");

        Assert.Equal(["Sub", "Div", "Conv"], split.Head.Graph.Node.Select(n => n.OpType));
        Assert.Equal(model.Graph.Node.Count - 3, split.Tail.Graph.Node.Count);
        Assert.DoesNotContain(split.Tail.Graph.Initializer, t => t.Name == "conv1.weight");
    }

    [Fact]
    public void A_graph_splits_at_its_pooled_features_too()
    {
        var model = ModelArchitectures.Build("m", new ModelRecipe("resnet", 10, 4, 1), 100);
        using var head = TensorSession.Open(GraphSplitter.Split(model, "features").Head, Inference.Models.SessionTuning.Default);

        var (_, dims) = head.Run(new float[2 * 3 * 32 * 32], [2, 3, 32, 32]);

        Assert.Equal([2, 32], dims);
    }

    [Fact]
    public void An_unknown_tensor_is_refused()
    {
        var model = ModelArchitectures.Build("m", new ModelRecipe("resnet", 10, 4, 1), 100);
        Assert.Contains("'nowhere'", Assert.Throws<ModelManifestException>(() => GraphSplitter.Split(model, "nowhere")).Message);
    }

    [Fact]
    public void A_cut_inside_a_residual_block_is_refused_because_the_shortcut_crosses_it()
    {
        var model = ModelArchitectures.Build("m", new ModelRecipe("resnet", 10, 4, 1), 100);

        var error = Assert.Throws<ModelManifestException>(() => GraphSplitter.Split(model, "stage1.block1.conv1.relu"));

        Assert.Contains("conv1.relu", error.Message);
    }
}
