using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HeteroOrleans.Tests.Models;

/// <summary>The device's inference path (pooled buffers, batch runs) answers exactly as ONNX Runtime's own API does.</summary>
public sealed class InferencePathTests
{
    [Theory]
    [InlineData("mobilenet-tiny", 1)]
    [InlineData("resnet-tiny", 7)]
    [InlineData("wrn-tiny", 50)]
    public void Classifying_through_pooled_buffers_gives_the_same_bits_as_onnx_runtimes_tensor_api(string model, int images)
    {
        var store = ModelStore.Open(TestPaths.NewModelsDirectory());
        var path = store.EnsureBuilt(model);
        var pixels = SyntheticCifar.Generate(images, seed: 31).CreateTask(0, images).Pixels;
        using var classifier = store.OpenClassifier(model, SessionTuning.Default);

        // The reference: ONNX Runtime's tensor API on a session of its own, as the classifier once called it.
        using var options = SessionTuning.Default.CreateOptions();
        using var session = new InferenceSession(path, options);
        var entry = store.Manifest.Get(model);
        var tensor = new DenseTensor<float>(OnnxClassifier.ToFloats(pixels), [images, 3, 32, 32]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(entry.Input, tensor)], [entry.Output]);
        var expected = results[0].AsEnumerable<float>().ToArray();

        var first = classifier.Classify(pixels, images);
        var again = classifier.Classify(pixels, images);

        Assert.Equal(expected, first.Logits);
        Assert.Equal(expected, again.Logits);
        Assert.Equal(OnnxClassifier.Decode(expected, images, entry.ClassCount).Labels, first.Labels);
    }

    [Fact]
    public void A_split_model_still_gives_the_whole_models_labels_through_pooled_buffers()
    {
        var store = ModelStore.Open(TestPaths.NewModelsDirectory());
        var path = store.EnsureBuilt("resnet-tiny");
        var pixels = SyntheticCifar.Generate(20, seed: 32).CreateTask(0, 20).Pixels;
        using var whole = store.OpenClassifier("resnet-tiny", SessionTuning.Default);
        using var split = SplitClassifier.Open(store.Manifest.Get("resnet-tiny"), path, "conv1", SessionTuning.Default);

        var (features, dims) = split.Encrypt(pixels, 20, FeatureEncoding.Fp32);
        var finished = split.Finish(features, 20, dims, FeatureEncoding.Fp32);

        Assert.Equal(whole.Classify(pixels, 20).Labels, finished.Labels);
    }
}
