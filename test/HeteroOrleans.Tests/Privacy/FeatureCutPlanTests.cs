using System.Text.Json.Nodes;
using HeteroOrleans.Grains.Jobs;

namespace HeteroOrleans.Tests.Privacy;

public sealed class FeatureCutPlanTests
{
    private static readonly DeviceProfile Cloud = new("cloud-01", Tier.Cloud, "wrn-tiny", false, LinkProfile.Local, ComputeMode.Onnx, 1);

    [Fact]
    public void A_job_that_must_encrypt_for_a_model_without_its_manifest_cut_is_refused_naming_model_tensor_and_option()
    {
        var classifiers = ClassifiersWithSplit("nowhere");

        var error = Assert.Throws<ArgumentException>(() => FeatureCuts.Plan(new JobSpec(SchedulingScheme.EndCloud, Split: JobSpec.ManifestSplit), [Cloud], classifiers));

        Assert.Contains("cloud-01", error.Message);
        Assert.Contains("'wrn-tiny'", error.Message);
        Assert.Contains("nowhere", error.Message);
        Assert.Contains("--privacy Off", error.Message);
        Assert.Contains("hetero models cuts wrn-tiny", error.Message);
    }

    [Fact]
    public void A_cut_that_a_residual_shortcut_crosses_is_refused_and_the_legal_cuts_are_named()
    {
        var spec = new JobSpec(SchedulingScheme.EndCloud, Split: "group1.block1.conv1");

        var error = Assert.Throws<ArgumentException>(() => FeatureCuts.Plan(spec, [Cloud], ClassifiersWithSplit("conv1")));

        Assert.Contains("no legal cut at 'group1.block1.conv1'", error.Message);
        Assert.Contains("group1.block1.add", error.Message);
    }

    [Fact]
    public void Without_encryption_nothing_is_cut_and_a_named_legal_cut_is_kept_for_every_untrusted_device()
    {
        var classifiers = ClassifiersWithSplit("nowhere");

        Assert.Empty(FeatureCuts.Plan(new JobSpec(SchedulingScheme.EndCloud, Privacy: PrivacyMode.Off), [Cloud], classifiers));
        var plan = FeatureCuts.Plan(new JobSpec(SchedulingScheme.EndCloud, Split: "group2.block1.add", FeaturePrecision: FeaturePrecision.Int8), [Cloud], classifiers);
        Assert.Equal(new FeatureCut("wrn-tiny", "group2.block1.add", FeaturePrecision.Int8), plan["cloud-01"]);
    }

    [Fact]
    public void Auto_keeps_the_first_convolution_for_slow_end_devices_on_a_free_link_and_cuts_deeper_on_a_narrow_one()
    {
        var classifiers = ClassifiersWithSplit("conv1");
        var ends = Enumerable.Range(1, 8).Select(i => new DeviceProfile($"end-{i:D2}", Tier.End, "mobilenet-tiny", true, LinkProfile.Local, ComputeMode.Emulated, 1, MsPerImage: 100))
            .ToList();
        var fastCloud = Cloud with { MsPerImage = 10 };
        var narrowCloud = fastCloud with { Link = new LinkProfile(0, 1) };

        var free = FeatureCuts.Plan(new JobSpec(SchedulingScheme.EndCloud), [.. ends, fastCloud], classifiers)["cloud-01"];
        var narrow = FeatureCuts.Plan(new JobSpec(SchedulingScheme.EndCloud), [.. ends, narrowCloud], classifiers)["cloud-01"];

        var cuts = classifiers.GetCuts("wrn-tiny");
        Assert.Equal("conv1", free.Tensor);
        Assert.True(cuts.Find(narrow.Tensor)!.BytesPerImage(FeatureEncoding.Fp32) < cuts.Find("conv1")!.BytesPerImage(FeatureEncoding.Fp32),
            $"on a 1 Mbit/s link the cut at '{narrow.Tensor}' should send less than the first convolution");
    }

    [Fact]
    public void Auto_moves_work_to_idle_trusted_devices_when_the_untrusted_device_is_the_bottleneck()
    {
        var classifiers = ClassifiersWithSplit("conv1");
        var edges = Enumerable.Range(1, 8).Select(i => new DeviceProfile($"edge-{i:D2}", Tier.Edge, "resnet-tiny", true, LinkProfile.Local, ComputeMode.Emulated, 1, MsPerImage: 10))
            .ToList();
        var slowCloud = Cloud with { MsPerImage = 50, Tier = Tier.Cloud };

        // EncryptAtEdge under End-Cloud: the edges have nothing else to do, the cloud is the stream's bottleneck.
        var cut = FeatureCuts.Plan(new JobSpec(SchedulingScheme.EndCloud, Privacy: PrivacyMode.EncryptAtEdge), [.. edges, slowCloud], classifiers)["cloud-01"];

        Assert.True(classifiers.GetCuts("wrn-tiny").Find(cut.Tensor)!.HeadShare > 0.5, $"the cut at '{cut.Tensor}' should leave most of the work to eight idle edges");
    }

    [Fact]
    public void Auto_falls_back_to_the_manifest_cut_or_else_the_first_legal_one_when_the_devices_speeds_are_unknown()
    {
        var narrow = Cloud with { Link = new LinkProfile(0, 1) };

        Assert.Equal("group1.block1.add", FeatureCuts.Plan(new JobSpec(SchedulingScheme.EndCloud), [narrow], ClassifiersWithSplit("group1.block1.add"))["cloud-01"].Tensor);
        Assert.Equal("conv1", FeatureCuts.Plan(new JobSpec(SchedulingScheme.EndCloud), [narrow], ClassifiersWithSplit("nowhere"))["cloud-01"].Tensor);
    }

    // The test models with wrn-tiny's manifest split at <paramref name="split"/>.
    internal static SharedClassifiers ClassifiersWithSplit(string split)
    {
        var directory = TestPaths.NewModelsDirectory();
        var path = Path.Combine(directory, "models.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        manifest["models"]!.AsArray().Single(m => (string?)m!["id"] == "wrn-tiny")!["split"] = split;
        File.WriteAllText(path, manifest.ToJsonString());
        var store = ModelStore.Open(directory);
        store.EnsureBuilt("wrn-tiny");
        store.EnsureBuilt("mobilenet-tiny");
        store.EnsureBuilt("resnet-tiny");
        return new SharedClassifiers(store);
    }
}
