using HeteroOrleans.Grains.Links;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HeteroOrleans.Tests.Privacy;

public sealed class CutFollowerTests
{
    private static readonly DeviceProfile Cloud = new("cloud-01", Tier.Cloud, "wrn-tiny", false, LinkProfile.Local, ComputeMode.Onnx, 1, MsPerImage: 10);
    private const long Labels = 64;
    private const long Features = 300_000;

    [Fact]
    public void A_link_measured_narrow_moves_the_next_tasks_to_a_deeper_cut_and_the_change_is_kept()
    {
        var (follower, cuts, meter, time) = Follow(new JobSpec(SchedulingScheme.EndCloud));
        Assert.Equal("conv1", cuts.Of(Cloud.Id)!.Tensor);
        Transfers(meter, mbps: 0);
        Assert.Empty(follower.Review());

        // The plan follows a link that stepped, as the estimate's detector sees it.
        Transfers(meter, mbps: 1);
        var changes = follower.Review();

        var change = Assert.Single(changes);
        Assert.Equal((Cloud.Id, "conv1", 1.0, time.GetUtcNow()), (change.DeviceId, change.From, change.BandwidthMbps, change.AtUtc));
        Assert.NotEqual("conv1", cuts.Of(Cloud.Id)!.Tensor);
        Assert.Equal(change.To, cuts.Of(Cloud.Id)!.Tensor);
        Assert.Equal([change], cuts.Changes);
    }

    [Fact]
    public void A_link_as_planned_moves_nothing_and_one_reviewed_once_is_not_moved_again()
    {
        var (follower, cuts, meter, _) = Follow(new JobSpec(SchedulingScheme.EndCloud));

        Transfers(meter, mbps: 0);
        Assert.Empty(follower.Review());

        Transfers(meter, mbps: 1);
        Assert.Single(follower.Review());
        Transfers(meter, mbps: 1);
        Assert.Empty(follower.Review());
        Assert.Single(cuts.Changes);
    }

    [Fact]
    public void A_named_split_is_the_users_choice_and_never_moves()
    {
        var (follower, cuts, meter, _) = Follow(new JobSpec(SchedulingScheme.EndCloud, Split: "conv1"));

        Transfers(meter, mbps: 0);
        Transfers(meter, mbps: 1);

        Assert.False(follower.MovesCuts);
        Assert.Empty(follower.Review());
        Assert.Equal("conv1", cuts.Of(Cloud.Id)!.Tensor);
    }

    private static (CutFollower Follower, CutTable Cuts, LinkMeter Meter, FakeTimeProvider Time) Follow(JobSpec spec)
    {
        var classifiers = FeatureCutPlanTests.ClassifiersWithSplit("conv1");
        var ends = Enumerable.Range(1, 8).Select(i => new DeviceProfile($"end-{i:D2}", Tier.End, "mobilenet-tiny", true, LinkProfile.Local, ComputeMode.Emulated, 1, MsPerImage: 100))
            .ToList();
        DeviceProfile[] devices = [.. ends, Cloud];
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
        var cuts = new CutTable(FeatureCuts.Plan(spec, devices, classifiers));
        var meter = new LinkMeter(time);
        var scheme = JobDevices.Select(spec, devices, time).Scheme;
        return (new CutFollower(spec, devices, cuts, scheme, meter, classifiers, time, NullLogger.Instance), cuts, meter, time);
    }

    // What the job's own transfers to the cloud would show on a link of mbps (0: unlimited).
    private static void Transfers(LinkMeter meter, double mbps)
    {
        for (var i = 0; i < 10; i++)
        {
            meter.Observe(Cloud, Labels, TimeSpan.FromMilliseconds(1));
            meter.Observe(Cloud, Features, TimeSpan.FromMilliseconds(1 + (mbps > 0 ? Features * 8 / (mbps * 1000) : 0)));
        }
    }
}
