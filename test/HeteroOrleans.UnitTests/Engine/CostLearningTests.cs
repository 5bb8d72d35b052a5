namespace HeteroOrleans.UnitTests.Engine;

public sealed class CostLearningTests
{
    [Fact]
    public void An_untrusted_device_is_weighed_at_its_own_time_and_the_encryption_head_its_work_needs() => GrainLikeContext.Run(async () =>
    {
        // The cloud finishes a task's tail in 0.2 ms an image, but each of its tasks first costs the end device 5 ms an
        // image of encryption head: choosing the cloud costs 5.2 ms an image of the system's time, not 0.2.
        var spec = new JobSpec(SchedulingScheme.Adaptive, BatchSize: 10, ImageCount: 100);
        var cloud = EngineHarness.Device("cloud-01", Tier.Cloud) with { Trusted = false };
        var engine = new EngineHarness(spec, EngineHarness.Device("end-01", Tier.End), cloud);
        engine.Link.Speed("cloud-01", 0.2).HeadSpeed("end-01", 5);

        await engine.SubmitAllAsync();
        await engine.RunToEndAsync();

        Assert.Equal(10, engine.Link.Calls.Count(c => c == "end-01 (head)"));
        var learnt = ((AdaptiveScheme)engine.Job.Scheme).Planner["cloud-01"].MsPerImage;
        Assert.InRange(learnt, 4.5, 5.2);
    });
}
