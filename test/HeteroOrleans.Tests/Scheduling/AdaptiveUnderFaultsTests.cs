using HeteroOrleans.Tests.Dependability;

namespace HeteroOrleans.Tests.Scheduling;

public sealed class AdaptiveUnderFaultsTests(StragglerFixture fixture) : IClassFixture<StragglerFixture>, IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await fixture.RecoverAllAsync();

    [Fact]
    public async Task A_device_that_slows_down_is_sent_less_work()
    {
        await fixture.Cluster.Client.GetDevice(Tier.Edge, "edge-01-emu").SlowDownAsync(5);

        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(
            SyntheticCifar.Generate(2000), new JobSpec(SchedulingScheme.Adaptive, TimeoutMs: 2000), null, TestContext.Current.CancellationToken);

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(2000, report.ImagesRecorded);
        var slow = report.Devices.Single(d => d.DeviceId == "edge-01-emu").Images;
        var healthy = report.Devices.Single(d => d.DeviceId == "edge-02-emu").Images;
        Assert.True(healthy >= 2 * slow, $"the healthy edge should take most fine stages: it took {healthy} images, the slowed one {slow}");
    }

    [Fact]
    public async Task A_device_that_dies_mid_job_loses_no_image()
    {
        await fixture.Cluster.Client.GetDevice(Tier.Edge, "edge-02-emu").InjectFailureAsync(afterTasks: 4);

        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(
            SyntheticCifar.Generate(1500), new JobSpec(SchedulingScheme.Adaptive, TimeoutMs: 200), null, TestContext.Current.CancellationToken);

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(0, report.LostTasks);
        var results = await fixture.Cluster.Client.GetGrain<IJobGrain>(report.JobId).GetResultsAsync(0, 1500);
        Assert.Equal(Enumerable.Range(0, 1500), results.Select(r => r.ImageId));
        Assert.All(results, r => Assert.True(r.FineLabel >= 0));
    }
}
