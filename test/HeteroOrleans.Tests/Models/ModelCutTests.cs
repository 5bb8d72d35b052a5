namespace HeteroOrleans.Tests.Models;

public sealed class ModelCutTests
{
    private static readonly Lazy<ModelStore> Store = new(() =>
    {
        var store = ModelStore.Open(TestPaths.NewModelsDirectory());
        store.EnsureBuilt("resnet-tiny");
        return store;
    });

    [Fact]
    public void The_cuts_of_a_residual_network_start_at_the_first_convolution_and_skip_tensors_inside_blocks()
    {
        var cuts = Cuts("resnet-tiny");

        Assert.Equal("conv1", cuts.Cuts[0].Tensor);
        Assert.Contains(cuts.Cuts, c => c.Tensor == "stage2.block1.relu");
        Assert.Contains(cuts.Cuts, c => c.Tensor == "features");
        Assert.DoesNotContain(cuts.Cuts, c => c.Tensor is "centered" or "normalized");
        Assert.DoesNotContain(cuts.Cuts, c => c.Tensor == "stage2.block1.conv1" || c.Tensor == "stage2.block1.conv2");
        Assert.DoesNotContain(cuts.Cuts, c => c.Tensor == "logits");
    }

    [Fact]
    public void Head_work_grows_along_the_cuts_and_the_first_convolution_costs_its_multiply_adds()
    {
        var cuts = Cuts("resnet-tiny");

        // conv1: 3×3 over 3 channels into 4 channels at 32×32, a multiply-add two operations; the normalisation before
        // it writes 3×32×32 values twice (subtract, divide).
        Assert.Equal(2.0 * 4 * 32 * 32 * 27 + 2 * 3 * 32 * 32, cuts.Find("conv1")!.HeadFlops);
        Assert.Equal(cuts.Cuts.Select(c => c.HeadFlops).Order(), cuts.Cuts.Select(c => c.HeadFlops));
        Assert.Equal([4, 32, 32], cuts.Find("conv1")!.Dims);
        Assert.Equal(4 * 32 * 32 * 4, cuts.Find("conv1")!.BytesPerImage(FeatureEncoding.Fp32));
        Assert.Equal(4 * (32 * 32 + 8), cuts.Find("conv1")!.BytesPerImage(FeatureEncoding.Int8));
    }

    [Fact]
    public void Cut_anywhere_legal_the_head_and_tail_give_the_whole_models_labels()
    {
        var store = Store.Value;
        var pixels = SyntheticCifar.Generate(20, seed: 33).CreateTask(0, 20).Pixels;
        using var whole = store.OpenClassifier("resnet-tiny", SessionTuning.Default);
        var expected = whole.Classify(pixels, 20).Labels;

        foreach (var cut in Cuts("resnet-tiny").Cuts)
        {
            using var split = SplitClassifier.Open(store.Manifest.Get("resnet-tiny"), store.EnsureBuilt("resnet-tiny"), cut.Tensor, SessionTuning.Default);
            var (features, dims) = split.Encrypt(pixels, 20, FeatureEncoding.Fp32);

            Assert.Equal(cut.BytesPerImage(FeatureEncoding.Fp32) * 20, features.Length);
            Assert.Equal(expected, split.Finish(features, 20, dims, FeatureEncoding.Fp32).Labels);
        }
    }

    [Fact]
    public void A_graph_without_a_convolution_has_no_cut_that_hides_the_image()
    {
        var graph = new OnnxGraphBuilder("flat", seed: 1);
        var x = graph.Normalize(graph.Input("input", 3, 32, 32));
        graph.Dense(graph.PoolFeatures(x), "logits", 3, 20);
        graph.Output("logits", 20);

        Assert.Empty(ModelCuts.Of(graph.Build()).Cuts);
    }

    private static ModelCuts Cuts(string id) => ModelCuts.Of(OnnxFiles.Read(Store.Value.EnsureBuilt(id)));
}
