using System.Text.Json.Nodes;
using HeteroOrleans.Grains.Jobs;

namespace HeteroOrleans.Tests.Privacy;

public sealed class EncryptionCutTests
{
    private static readonly DeviceProfile Cloud = new("cloud-01", Tier.Cloud, "wrn-tiny", false, LinkProfile.Local, ComputeMode.Onnx, 1);

    [Fact]
    public void A_job_that_must_encrypt_for_a_model_without_its_cut_is_refused_naming_model_tensor_and_option()
    {
        var models = StoreWithSplit("nowhere");

        var error = Assert.Throws<ArgumentException>(() => EncryptionCuts.Check(new JobSpec(SchedulingScheme.EndCloud), [Cloud], models));

        Assert.Contains("cloud-01", error.Message);
        Assert.Contains("'wrn-tiny'", error.Message);
        Assert.Contains("nowhere", error.Message);
        Assert.Contains("--privacy Off", error.Message);
    }

    [Fact]
    public void Without_encryption_or_with_a_legal_cut_the_job_is_accepted()
    {
        EncryptionCuts.Check(new JobSpec(SchedulingScheme.EndCloud, Privacy: PrivacyMode.Off), [Cloud], StoreWithSplit("nowhere"));
        EncryptionCuts.Check(new JobSpec(SchedulingScheme.EndCloud), [Cloud], StoreWithSplit("conv1"));
    }

    // The test models with wrn-tiny's encryption head cut at <paramref name="split"/>.
    private static ModelStore StoreWithSplit(string split)
    {
        var directory = TestPaths.NewModelsDirectory();
        var path = Path.Combine(directory, "models.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        manifest["models"]!.AsArray().Single(m => (string?)m!["id"] == "wrn-tiny")!["split"] = split;
        File.WriteAllText(path, manifest.ToJsonString());
        var store = ModelStore.Open(directory);
        store.EnsureBuilt("wrn-tiny");
        return store;
    }
}
