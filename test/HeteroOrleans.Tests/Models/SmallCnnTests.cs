using Google.Protobuf;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Inference.Cifar;
using HeteroOrleans.Inference.Models;
using HeteroOrleans.Tests.Infrastructure;
using Onnx;

namespace HeteroOrleans.Tests.Models;

public sealed class SmallCnnTests
{
    [Theory]
    [InlineData("end-cnn", 20)]
    [InlineData("edge-cnn", 100)]
    [InlineData("cloud-cnn", 100)]
    public void Manifest_models_classify_batches_into_their_label_set(string modelId, int classes)
    {
        var store = ModelStore.Open(TestPaths.NewModelsDirectory());
        using var classifier = store.OpenClassifier(modelId, SessionTuning.Default);
        var data = SyntheticCifar.Generate(50);

        foreach (var count in new[] { 1, 7, 50 })
        {
            var result = classifier.Classify(data.CreateTask(0, count).Pixels, count);
            Assert.Equal(count, result.Labels.Length);
            Assert.Equal(count * classes, result.Logits.Length);
            Assert.All(result.Labels, label => Assert.InRange(label, 0, classes - 1));
            Assert.All(result.Confidences, p => Assert.InRange(p, 1f / classes - 1e-6f, 1f));
        }
    }

    [Fact]
    public void Same_seed_builds_the_same_bytes_and_another_seed_does_not()
    {
        var a = SmallCnnArchitecture.Build(20, 16, seed: 1).ToByteArray();
        var b = SmallCnnArchitecture.Build(20, 16, seed: 1).ToByteArray();
        var c = SmallCnnArchitecture.Build(20, 16, seed: 2).ToByteArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Two_sessions_of_one_model_give_identical_logits()
    {
        var directory = TestPaths.NewModelsDirectory();
        var pixels = SyntheticCifar.Generate(10).CreateTask(0, 10).Pixels;
        using var first = ModelStore.Open(directory).OpenClassifier("edge-cnn", SessionTuning.Default);
        using var second = ModelStore.Open(directory).OpenClassifier("edge-cnn", new SessionTuning(IntraOpThreads: 2));

        Assert.Equal(first.Classify(pixels, 10).Logits, second.Classify(pixels, 10).Logits);
    }

    [Fact]
    public void Rejects_a_model_whose_output_does_not_match_its_label_set()
    {
        var directory = TestPaths.NewTempDirectory();
        SmallCnnArchitecture.Build(classes: 100, width: 8, seed: 1).WriteToFile(Path.Combine(directory, "wrong.onnx"));
        File.WriteAllText(Path.Combine(directory, "models.json"),
            """{ "models": [ { "id": "wrong", "file": "wrong.onnx", "labels": "Coarse", "input": "input", "output": "logits" } ] }""");

        var error = Assert.Throws<ModelManifestException>(() => ModelStore.Open(directory).OpenClassifier("wrong", SessionTuning.Default));

        Assert.Contains("wrong.onnx", error.Message);
        Assert.Contains("'labels'", error.Message);
    }

    [Fact]
    public void Rejects_a_model_without_the_named_input()
    {
        var directory = TestPaths.NewTempDirectory();
        SmallCnnArchitecture.Build(classes: 20, width: 8, seed: 1).WriteToFile(Path.Combine(directory, "m.onnx"));
        File.WriteAllText(Path.Combine(directory, "models.json"),
            """{ "models": [ { "id": "m", "file": "m.onnx", "labels": "Coarse", "input": "pixels", "output": "logits" } ] }""");

        var error = Assert.Throws<ModelManifestException>(() => ModelStore.Open(directory).OpenClassifier("m", SessionTuning.Default));

        Assert.Contains("'input'", error.Message);
        Assert.Contains("pixels", error.Message);
    }

    [Fact]
    public void Reports_a_missing_model_file_without_recipe()
    {
        var directory = TestPaths.NewTempDirectory();
        File.WriteAllText(Path.Combine(directory, "models.json"),
            """{ "models": [ { "id": "mine", "file": "mine.onnx", "labels": "Fine", "input": "input", "output": "logits" } ] }""");

        var error = Assert.Throws<ModelManifestException>(() => ModelStore.Open(directory).EnsureBuilt("mine"));
        Assert.Contains("mine.onnx", error.Message);
    }

    [Fact]
    public void Input_bytes_that_are_not_whole_images_are_refused()
    {
        using var classifier = ModelStore.Open(TestPaths.NewModelsDirectory()).OpenClassifier("end-cnn", SessionTuning.Default);
        Assert.Throws<ArgumentException>(() => classifier.Classify(new byte[PixelBatch.ImageBytes + 1], 1));
    }
}
