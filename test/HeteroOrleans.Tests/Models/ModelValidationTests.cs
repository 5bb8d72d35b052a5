using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Inference.Models;
using HeteroOrleans.Tests.Infrastructure;
using Onnx;

namespace HeteroOrleans.Tests.Models;

public sealed class ModelValidationTests
{
    [Fact]
    public void Rejects_a_model_whose_output_does_not_match_its_label_set()
    {
        var directory = TestPaths.NewTempDirectory();
        ModelArchitectures.Build("w", new ModelRecipe("resnet", 10, 4, 1), 100).WriteToFile(Path.Combine(directory, "wrong.onnx"));
        WriteManifest(directory, """{ "id": "wrong", "file": "wrong.onnx", "labels": "Coarse", "input": "input", "output": "logits" }""");

        var error = Assert.Throws<ModelManifestException>(() => ModelStore.Open(directory).OpenClassifier("wrong", SessionTuning.Default));

        Assert.Contains("wrong.onnx", error.Message);
        Assert.Contains("'labels'", error.Message);
    }

    [Fact]
    public void Rejects_a_model_without_the_named_input()
    {
        var directory = TestPaths.NewTempDirectory();
        ModelArchitectures.Build("m", new ModelRecipe("resnet", 10, 4, 1), 20).WriteToFile(Path.Combine(directory, "m.onnx"));
        WriteManifest(directory, """{ "id": "m", "file": "m.onnx", "labels": "Coarse", "input": "pixels", "output": "logits" }""");

        var error = Assert.Throws<ModelManifestException>(() => ModelStore.Open(directory).OpenClassifier("m", SessionTuning.Default));

        Assert.Contains("'input'", error.Message);
        Assert.Contains("pixels", error.Message);
    }

    [Fact]
    public void Rejects_a_file_that_is_not_onnx()
    {
        var directory = TestPaths.NewTempDirectory();
        File.WriteAllText(Path.Combine(directory, "junk.onnx"), "not a model");
        WriteManifest(directory, """{ "id": "junk", "file": "junk.onnx", "labels": "Fine", "input": "input", "output": "logits" }""");

        var error = Assert.Throws<ModelManifestException>(() => ModelStore.Open(directory).OpenClassifier("junk", SessionTuning.Default));
        Assert.Contains("junk.onnx", error.Message);
    }

    [Fact]
    public void Reports_a_missing_model_file_without_recipe()
    {
        var directory = TestPaths.NewTempDirectory();
        WriteManifest(directory, """{ "id": "mine", "file": "mine.onnx", "labels": "Fine", "input": "input", "output": "logits" }""");

        var error = Assert.Throws<ModelManifestException>(() => ModelStore.Open(directory).EnsureBuilt("mine"));
        Assert.Contains("mine.onnx", error.Message);
    }

    [Fact]
    public void Reports_a_manifest_entry_missing_a_field_by_index_and_name()
    {
        var directory = TestPaths.NewTempDirectory();
        WriteManifest(directory, """{ "id": "a", "file": "a.onnx", "labels": "Fine", "input": "input", "output": "logits" }, { "id": "b", "labels": "Fine", "input": "input", "output": "logits" }""");

        var error = Assert.Throws<ModelManifestException>(() => ModelStore.Open(directory));
        Assert.Contains("models[1].file", error.Message);
    }

    [Fact]
    public void Input_bytes_that_are_not_whole_images_are_refused()
    {
        using var classifier = ModelStore.Open(TestPaths.NewModelsDirectory()).OpenClassifier("mobilenet-tiny", SessionTuning.Default);
        Assert.Throws<ArgumentException>(() => classifier.Classify(new byte[PixelBatch.ImageBytes + 1], 1));
    }

    private static void WriteManifest(string directory, string entries) =>
        File.WriteAllText(Path.Combine(directory, "models.json"), $$"""{ "models": [ {{entries}} ] }""");
}
