using HeteroOrleans.Grains.Jobs;
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
    public void A_link_configured_wrong_from_the_start_is_followed_once_enough_transfers_were_timed()
    {
        var (follower, cuts, meter, _) = Follow(new JobSpec(SchedulingScheme.EndCloud));

        // The configured link is unlimited; the first transfers ever timed show 1 Mbit/s, with no step to detect.
        meter.Observe(Cloud, Features, TimeSpan.FromMilliseconds(1 + (Features * 8 / 1000.0)));
        Assert.Empty(follower.Review());
        Transfers(meter, mbps: 1);

        var change = Assert.Single(follower.Review());
        Assert.Equal(("conv1", 1.0), (change.From, change.BandwidthMbps));
        Assert.Equal(change.To, cuts.Of(Cloud.Id)!.Tensor);
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

    [Fact]
    public void Trusted_devices_measured_far_slower_move_the_cut_to_give_them_less_head_and_the_change_names_their_speed()
    {
        var (follower, cuts, meter, speeds, _) = FollowWithSpeeds(new JobSpec(SchedulingScheme.EndCloud), endMsPerImage: 1, cloudMbps: 1);
        var deep = cuts.Of(Cloud.Id)!.Tensor;
        Assert.NotEqual("conv1", deep);
        Assert.Empty(follower.Review());

        // Every end device's answers now take 1,000 times as long: the heads they run for the cloud cost that much more,
        // and the first convolution's head, with its 0.5 s on the link, is now the faster way.
        foreach (var end in Ends(1))
        {
            for (var i = 0; i < 60; i++)
            {
                speeds.Observe(end.Id, runMs: 1000 * 50, images: 50);
            }
        }

        var change = Assert.Single(follower.Review());
        Assert.Equal((Cloud.Id, deep, "conv1"), (change.DeviceId, change.From, change.To));
        Assert.InRange(change.TrustedMsPerImage, 900, 1000);
        Assert.Equal(change.To, cuts.Of(Cloud.Id)!.Tensor);
        Assert.Empty(follower.Review());
    }

    [Fact]
    public void One_slowed_trusted_device_of_eight_moves_no_cut()
    {
        var (follower, cuts, _, speeds, _) = FollowWithSpeeds(new JobSpec(SchedulingScheme.EndCloud), endMsPerImage: 1, cloudMbps: 1);
        var deep = cuts.Of(Cloud.Id)!.Tensor;

        for (var i = 0; i < 60; i++)
        {
            speeds.Observe("end-01", runMs: 1000 * 50, images: 50);
        }

        Assert.Empty(follower.Review());
        Assert.Equal(deep, cuts.Of(Cloud.Id)!.Tensor);
    }

    private static IReadOnlyList<DeviceProfile> Ends(double msPerImage) =>
        [.. Enumerable.Range(1, 8).Select(i => new DeviceProfile($"end-{i:D2}", Tier.End, "mobilenet-tiny", true, LinkProfile.Local, ComputeMode.Emulated, 1, MsPerImage: msPerImage))];

    // A job whose end devices run at endMsPerImage and whose cloud sits behind a link of cloudMbps, planned as a job starts.
    private static (CutFollower Follower, CutTable Cuts, LinkMeter Meter, DeviceTimeouts Speeds, FakeTimeProvider Time) FollowWithSpeeds(
        JobSpec spec, double endMsPerImage, double cloudMbps)
    {
        var classifiers = FeatureCutPlanTests.ClassifiersWithSplit("conv1");
        var cloud = Cloud with { Link = new LinkProfile(0, cloudMbps) };
        DeviceProfile[] devices = [.. Ends(endMsPerImage), cloud];
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
        var cuts = new CutTable(FeatureCuts.Plan(spec, devices, classifiers));
        var meter = new LinkMeter(time);
        var speeds = new DeviceTimeouts(spec.Timeout);
        foreach (var device in devices)
        {
            speeds.Expect(device.Id, device.MsPerImage);
        }

        var scheme = JobDevices.Select(spec, devices, time).Scheme;
        return (new CutFollower(spec, devices, cuts, scheme, meter, speeds, classifiers, time, NullLogger.Instance), cuts, meter, speeds, time);
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
        return (new CutFollower(spec, devices, cuts, scheme, meter, new DeviceTimeouts(spec.Timeout), classifiers, time, NullLogger.Instance), cuts, meter, time);
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
