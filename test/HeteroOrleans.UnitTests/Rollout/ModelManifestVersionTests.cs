using HeteroOrleans.Inference.Models;

namespace HeteroOrleans.UnitTests.Rollout;

public sealed class ModelManifestVersionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("manifest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ModelManifest Load(string models)
    {
        File.WriteAllText(Path.Combine(_folder, ModelManifest.FileName), $$"""{ "models": [ {{models}} ] }""");
        return ModelManifest.Load(_folder);
    }

    private static string Entry(string id, string file, int? version = null) =>
        $$"""{ "id": "{{id}}", "file": "{{file}}", "labels": "Fine", "input": "input", "output": "logits"{{(version is { } v ? $", \"version\": {v}" : "")}} }""";

    [Fact]
    public void A_model_id_names_its_first_version_and_id_at_version_names_any()
    {
        var manifest = Load($"{Entry("m", "m.onnx")}, {Entry("m", "m@2.onnx", 2)}");

        Assert.Equal("m@1", manifest.Get("m").Reference);
        Assert.Equal("m@2.onnx", manifest.Get("m@2").File);
        Assert.Equal(["m@1", "m@2"], manifest.VersionsOf("m").Select(e => e.Reference));
        Assert.False(manifest.Contains("m@3"));
    }

    [Fact]
    public void An_unknown_version_is_refused_naming_the_versions_there_are()
    {
        var manifest = Load($"{Entry("m", "m.onnx")}, {Entry("m", "m@2.onnx", 2)}");

        var error = Assert.Throws<ModelManifestException>(() => manifest.Get("m@7"));

        Assert.Contains("m@2", error.Message);
    }

    [Theory]
    [InlineData("m", "m.onnx", "m", "m.onnx", "appears more than once")]
    [InlineData("m", "m.onnx", "m", "m.onnx", "m@1", 2)]
    public void Two_entries_of_one_version_or_one_file_are_refused(string id1, string file1, string id2, string file2, string named, int version2 = 1)
    {
        var error = Assert.Throws<ModelManifestException>(() => Load($"{Entry(id1, file1)}, {Entry(id2, file2, version2)}"));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void A_version_below_one_or_an_id_holding_the_separator_is_refused_naming_the_field()
    {
        Assert.Contains("models[0].version", Assert.Throws<ModelManifestException>(() => Load(Entry("m", "m.onnx", 0))).Message);
        Assert.Contains("models[0].id", Assert.Throws<ModelManifestException>(() => Load(Entry("m@2", "m.onnx"))).Message);
    }
}
