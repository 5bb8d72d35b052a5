using HeteroOrleans.Grains.Links;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Privacy;

public sealed class RecutTests
{
    // An id no other test's cluster uses: the device call log is shared by the whole test assembly.
    private const string Cloud = "cloud-09-emu";

    [Fact]
    public async Task A_cloud_link_that_narrows_mid_job_moves_the_next_tasks_to_a_smaller_cut_and_loses_no_image()
    {
        var cancel = TestContext.Current.CancellationToken;
        var cluster = await TierCluster.DeployAsync(new Dictionary<string, (Tier, string[])>
        {
            ["Primary"] = (Tier.End, ["end-01-emu", "end-02-emu"]),
            ["Secondary_1"] = (Tier.Cloud, [Cloud]),
        });
        try
        {
            var spec = new JobSpec(SchedulingScheme.EndCloud, BatchSize: 5, Privacy: PrivacyMode.EncryptAtEnd, Split: JobSpec.AutoSplit);
            var (free, narrow, narrowMbps) = Cuts(spec);
            var narrowed = false;

            var report = await new JobRunner(cluster.Client).RunAsync(SyntheticCifar.Generate(200), spec, done =>
            {
                if (done >= 5 && !narrowed)
                {
                    narrowed = true;
                    foreach (var silo in cluster.Silos.OfType<InProcessSiloHandle>())
                    {
                        silo.SiloHost.Services.GetRequiredService<EmulatedLinks>().Set(Cloud, TierCluster.Profile(Tier.Cloud, Cloud).Link with { BandwidthMbps = narrowMbps });
                    }
                }
            }, cancel);

            Assert.Equal((JobState.Completed, 200, 0), (report.State, report.ImagesRecorded, report.DuplicateResults));
            // The last move is the one the narrowing made (a fast link may have been measured apart from "unlimited" before).
            var change = report.CutChanges?.LastOrDefault();
            Assert.NotNull(change);
            Assert.Equal(Cloud, change.DeviceId);
            var cuts = FeatureCutPlanTests.ClassifiersWithSplit("conv1").GetCuts(TierCluster.Profile(Tier.Cloud, Cloud).ModelId);
            Assert.True(cuts.Find(change.To)!.BytesPerImage(FeatureEncoding.Fp32) < cuts.Find(free)!.BytesPerImage(FeatureEncoding.Fp32),
                $"measured at {change.BandwidthMbps} Mbit/s, the cut moved from '{free}' to '{change.To}' (the plan for {narrowMbps} Mbit/s: '{narrow}')");
            Assert.InRange(change.BandwidthMbps, narrowMbps / 2, narrowMbps * 2);
        }
        finally
        {
            await cluster.StopAllSilosAsync(cancel);
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task End_devices_that_slow_down_mid_job_move_the_cut_to_a_smaller_head_and_lose_no_image()
    {
        const string cloud = "cloud-08-emu";
        string[] ends = ["end-07-emu", "end-08-emu"];
        var cancel = TestContext.Current.CancellationToken;
        var cluster = await TierCluster.DeployAsync(new Dictionary<string, (Tier, string[])>
        {
            ["Primary"] = (Tier.End, ends),
            ["Secondary_1"] = (Tier.Cloud, [cloud]),
        });
        try
        {
            // A 10 Mbit/s cloud link: once measured, the end devices (2 ms per image) take all of the model but its last
            // layer as the head; twenty times slower, they cannot, and the first convolution's tensor is worth its 52 ms.
            foreach (var silo in cluster.Silos.OfType<InProcessSiloHandle>())
            {
                silo.SiloHost.Services.GetRequiredService<EmulatedLinks>().Set(cloud, TierCluster.Profile(Tier.Cloud, cloud).Link with { BandwidthMbps = 10 });
            }

            var spec = new JobSpec(SchedulingScheme.EndCloud, BatchSize: 5, Privacy: PrivacyMode.EncryptAtEnd, Split: JobSpec.AutoSplit);
            var slowed = false;
            var report = await new JobRunner(cluster.Client).RunAsync(SyntheticCifar.Generate(300), spec, done =>
            {
                if (done >= 10 && !slowed)
                {
                    slowed = true;
                    Task.WaitAll([.. ends.Select(id => cluster.Client.GetDevice(Tier.End, id).SlowDownAsync(20))], cancel);
                }
            }, cancel);

            Assert.Equal((JobState.Completed, 300, 0), (report.State, report.ImagesRecorded, report.DuplicateResults));
            var changes = report.CutChanges ?? [];
            var byLoad = changes.LastOrDefault(c => c.TrustedMsPerImage > 0);
            Assert.True(byLoad is not null, $"no cut moved for the trusted side's load; moves: {string.Join("; ", changes)}");
            Assert.Equal(cloud, byLoad.DeviceId);
            Assert.InRange(byLoad.TrustedMsPerImage, 20, 80);
            var cuts = FeatureCutPlanTests.ClassifiersWithSplit("conv1").GetCuts(TierCluster.Profile(Tier.Cloud, cloud).ModelId);
            Assert.True(cuts.Find(byLoad.To)!.HeadFlops < cuts.Find(byLoad.From)!.HeadFlops, $"the slowed end devices were given the larger head: {byLoad}");
        }
        finally
        {
            await cluster.StopAllSilosAsync(cancel);
            await cluster.DisposeAsync();
        }
    }

    // The cut the job starts with on the test's free link, and the first narrower link whose own plan cuts elsewhere.
    private static (string Free, string Narrow, double NarrowMbps) Cuts(JobSpec spec)
    {
        var classifiers = FeatureCutPlanTests.ClassifiersWithSplit("conv1");
        DeviceProfile[] devices = [TierCluster.Profile(Tier.End, "end-01-emu"), TierCluster.Profile(Tier.End, "end-02-emu"), TierCluster.Profile(Tier.Cloud, Cloud)];
        string CutAt(double mbps) => FeatureCuts.Plan(spec, [.. devices.Select(d => d.Id == Cloud ? d with { Link = d.Link with { BandwidthMbps = mbps } } : d)], classifiers)[Cloud].Tensor;
        var free = CutAt(0);
        var narrow = new[] { 20.0, 10, 5, 2 }.First(mbps => CutAt(mbps) != free);
        return (free, CutAt(narrow), narrow);
    }
}
