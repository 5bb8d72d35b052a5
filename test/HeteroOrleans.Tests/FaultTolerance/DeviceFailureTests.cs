using Orleans.TestingHost;

namespace HeteroOrleans.Tests.FaultTolerance;

public sealed class DeviceFailureTests(EndDevicesFixture fixture) : IClassFixture<EndDevicesFixture>, IAsyncLifetime
{
    private static readonly JobSpec EndOnly = new(SchedulingScheme.End) { Timeout = TimeSpan.FromMilliseconds(100) };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // Every test leaves the devices answering, and waits until the monitor lists them all again.
    public async ValueTask DisposeAsync()
    {
        foreach (var id in EndDevicesFixture.Devices)
        {
            await fixture.Cluster.Client.GetDevice(Tier.End, id).RecoverAsync();
        }

        await TierCluster.WaitForMonitorAsync(fixture.Cluster, devices => devices.All(d => d.Health == DeviceHealth.Up), "every device up");
    }

    [Theory]
    [InlineData(FaultMethod.Monitor)]
    [InlineData(FaultMethod.Reassign)]
    public async Task A_device_that_stops_after_a_few_tasks_loses_no_image(FaultMethod method)
    {
        await fixture.Cluster.Client.GetDevice(Tier.End, "end-02-emu").InjectFailureAsync(afterTasks: 2);

        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(
            SyntheticCifar.Generate(1000), EndOnly with { Faults = method }, null, TestContext.Current.CancellationToken);

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(1000, report.ImagesRecorded);
        Assert.Equal(0, report.DuplicateResults);
        Assert.Equal(2, report.Devices.Single(d => d.DeviceId == "end-02-emu").Tasks);
        Assert.True(report.Devices.Single(d => d.DeviceId == "end-02-emu").Failures >= 1);
        Assert.True(report.Timeouts >= 1);
    }

    [Fact]
    public async Task Without_recovery_a_lost_task_fails_the_job_and_names_its_images()
    {
        await fixture.Cluster.Client.GetDevice(Tier.End, "end-03-emu").InjectFailureAsync(afterTasks: 1);

        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(
            SyntheticCifar.Generate(1000), EndOnly with { Faults = FaultMethod.None }, null, TestContext.Current.CancellationToken);

        // Round robin gives end-03 tasks 2, 6, 10, 14, 18: it answers the first and never the other four.
        Assert.Equal(JobState.Failed, report.State);
        Assert.Equal(4, report.LostTasks);
        Assert.Equal(200, report.MissingImageCount);
        Assert.Equal(Enumerable.Range(300, 50), report.MissingImageIds.Take(50));
        Assert.Equal(800, report.ImagesRecorded);
    }

    [Fact]
    public async Task The_monitor_suspects_a_silent_device_and_lists_it_again_once_it_answers()
    {
        var device = fixture.Cluster.Client.GetDevice(Tier.End, "end-04-emu");
        await device.PingAsync();

        // Silence only counts against a device the monitor has heard from (one still loading its model has not).
        await TierCluster.WaitForMonitorAsync(fixture.Cluster, d => d.Single(x => x.Profile.Id == "end-04-emu").LastAnswerUtc != default, "end-04 answer a probe");

        await device.InjectFailureAsync(afterTasks: 0);
        await TierCluster.WaitForMonitorAsync(fixture.Cluster, d => d.Single(x => x.Profile.Id == "end-04-emu").Health == DeviceHealth.Down, "end-04 down");
        var available = await fixture.Cluster.Client.GetDeviceMonitor().GetAvailableAsync();
        Assert.DoesNotContain(available, d => d.Profile.Id == "end-04-emu");

        await device.RecoverAsync();
        await TierCluster.WaitForMonitorAsync(fixture.Cluster, d => d.Single(x => x.Profile.Id == "end-04-emu").Health == DeviceHealth.Up, "end-04 up again");
    }
}
