using HeteroOrleans.Tests.Dependability;

namespace HeteroOrleans.Tests.Scheduling;

public sealed class AdaptiveUnderFaultsTests(StragglerFixture fixture) : StragglerClusterTests(fixture)
{
    [Fact]
    public async Task A_device_that_slows_down_is_sent_less_work()
    {
        await Fixture.Cluster.Client.GetDevice(Tier.Edge, "edge-01-emu").SlowDownAsync(5);

        var report = await RunJobAsync(2000, new JobSpec(SchedulingScheme.Adaptive) { Timeout = TimeSpan.FromMilliseconds(2000) });

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(2000, report.ImagesRecorded);
        var slow = report.Devices.Single(d => d.DeviceId == "edge-01-emu").Images;
        var healthy = report.Devices.Single(d => d.DeviceId == "edge-02-emu").Images;
        Assert.True(healthy >= 2 * slow, $"the healthy edge should take most fine stages: it took {healthy} images, the slowed one {slow}");
    }

    [Fact]
    public async Task A_device_that_dies_mid_job_loses_no_image()
    {
        await Fixture.Cluster.Client.GetDevice(Tier.Edge, "edge-02-emu").InjectFailureAsync(afterTasks: 4);

        var report = await RunJobAsync(1500, new JobSpec(SchedulingScheme.Adaptive) { Timeout = TimeSpan.FromMilliseconds(200) });

        var results = await AssertCompletedLosingNothingAsync(report, 1500);
        Assert.All(results, r => Assert.True(r.FineLabel >= 0));
    }

    [Theory]
    [InlineData(FaultMethod.None)]
    [InlineData(FaultMethod.Reassign)]
    [InlineData(FaultMethod.Monitor)]
    public async Task Under_each_fault_method_a_device_that_dies_mid_job_costs_what_the_method_says(FaultMethod faults)
    {
        // An end device stops answering after two tasks: the paper's None loses its task, Reassign and Monitor lose nothing.
        await Fixture.Cluster.Client.GetDevice(Tier.End, "end-02-emu").InjectFailureAsync(afterTasks: 2);

        var report = await RunJobAsync(1000, new JobSpec(SchedulingScheme.Adaptive, Faults: faults) { Timeout = TimeSpan.FromMilliseconds(200) }, seed: 4);

        if (faults == FaultMethod.None)
        {
            Assert.Equal(JobState.Failed, report.State);
            Assert.True(report.LostTasks > 0 && report.MissingImageCount > 0, $"{report.LostTasks} tasks lost");
            return;
        }

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal((1000, 0, 0), (report.ImagesRecorded, report.DuplicateResults, report.LostTasks));
        Assert.True(report.Timeouts >= 1, "the dead device went late at least once");
    }
}
