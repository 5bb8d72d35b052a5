using Onnx;

namespace HeteroOrleans.Tests.Models;

public sealed class ModelValidationTests
{
    [Theory]
    [InlineData(100, "input", "'labels'", "wrong.onnx")]
    [InlineData(20, "pixels", "'input'", "pixels")]
    public void Rejects_a_model_that_does_not_match_its_manifest_entry(int classes, string input, string namedField, string named)
    {
        // A coarse-label entry (20 classes) over a 100-class network, or an input name the graph lacks.
        var directory = TestPaths.NewTempDirectory();
        ModelArchitectures.Build("w", new ModelRecipe("resnet", 10, 4, 1), classes).WriteToFile(Path.Combine(directory, "wrong.onnx"));
        WriteManifest(directory, $$"""{ "id": "wrong", "file": "wrong.onnx", "labels": "Coarse", "input": "{{input}}", "output": "logits" }""");

        var error = Assert.Throws<ModelManifestException>(() => ModelStore.Open(directory).OpenClassifier("wrong", SessionTuning.Default));

        Assert.Contains(namedField, error.Message);
        Assert.Contains(named, error.Message);
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
