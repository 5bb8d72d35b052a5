using Google.Protobuf;

namespace HeteroOrleans.Tests.Models;

public sealed class ArchitectureTests
{
    // Parameter counts from the architectures' own papers, with the classifier head they report.
    [Theory]
    [InlineData("mobilenet-v1", 0, 1.0, 1000, 4_200_000)]   // MobileNet v1 1.0-224: 4.2 M
    [InlineData("mobilenet-v1", 0, 0.5, 1000, 1_320_000)]   // MobileNet v1 0.5-224: 1.32 M
    [InlineData("resnet", 34, 64, 1000, 21_800_000)]        // ResNet-34: 21.8 M (CIFAR stem is 3x3, not 7x7)
    [InlineData("wrn", 28, 10, 100, 36_500_000)]            // WRN-28-10 on CIFAR-100: 36.5 M
    public void Parameter_counts_are_within_five_percent_of_the_papers(string architecture, int depth, double width, int classes, long expected)
    {
        var model = ModelArchitectures.Build("check", new ModelRecipe(architecture, depth, width, Seed: 1), classes);

        Assert.InRange(ParameterCount.Of(model), expected * 0.95, expected * 1.05);
    }

    [Fact]
    public void The_same_recipe_builds_the_same_bytes_and_another_seed_does_not()
    {
        var recipe = new ModelRecipe("resnet", 10, 4, Seed: 1);
        var a = ModelArchitectures.Build("a", recipe, 100).ToByteArray();
        var b = ModelArchitectures.Build("b", recipe, 100).ToByteArray();
        var c = ModelArchitectures.Build("c", recipe with { Seed = 2 }, 100).ToByteArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void An_impossible_recipe_is_refused_naming_the_model()
    {
        var error = Assert.Throws<ModelManifestException>(() => ModelArchitectures.Build("odd", new ModelRecipe("wrn", 27, 10, 1), 100));
        Assert.Contains("odd", error.Message);
        Assert.Contains("6n + 4", error.Message);
        Assert.Contains("known", Assert.Throws<ModelManifestException>(() => ModelArchitectures.Build("x", new ModelRecipe("vgg", 16, 1, 1), 100)).Message);
    }

    [Theory]
    [InlineData("mobilenet-tiny", 20)]
    [InlineData("resnet-tiny", 100)]
    [InlineData("wrn-tiny", 100)]
    public void Manifest_models_classify_batches_into_their_label_set(string modelId, int classes)
    {
        using var classifier = ModelStore.Open(TestPaths.NewModelsDirectory()).OpenClassifier(modelId, SessionTuning.Default);
        var data = SyntheticCifar.Generate(50);

        foreach (var count in new[] { 1, 7, 50 })
        {
            var result = classifier.Classify(data.CreateTask(0, count).Pixels, count);
            Assert.Equal(count, result.Labels.Length);
            Assert.Equal(count * classes, result.Logits.Length);
            Assert.All(result.Labels, label => Assert.InRange(label, 0, classes - 1));
        }
    }

    [Fact]
    public void Two_sessions_of_one_model_with_different_tuning_give_the_same_logits()
    {
        var directory = TestPaths.NewModelsDirectory();
        var pixels = SyntheticCifar.Generate(10).CreateTask(0, 10).Pixels;
        using var first = ModelStore.Open(directory).OpenClassifier("resnet-tiny", SessionTuning.Default);
        using var second = ModelStore.Open(directory).OpenClassifier("resnet-tiny", new SessionTuning(2, Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_DISABLE_ALL, MemoryArena: false));

        var a = first.Classify(pixels, 10).Logits;
        var b = second.Classify(pixels, 10).Logits;
        Assert.All(a.Zip(b), pair => Assert.Equal(pair.First, pair.Second, 1e-3f));
    }
}
