using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Dependability;

public sealed class StragglerTests(StragglerFixture fixture) : StragglerClusterTests(fixture)
{
    [Fact]
    public async Task A_device_slowed_twenty_times_is_hedged_never_declared_down_and_its_late_answers_count_once()
    {
        // Twenty times: a backup waits in the healthy edge's lane behind that edge's own tasks, and on a busy machine a
        // device only ten times slower may still answer first (which the job would take, as it should).
        var slow = Fixture.Cluster.Client.GetDevice(Tier.Edge, "edge-01-emu");
        await slow.SlowDownAsync(20);
        var healths = new List<DeviceHealth>();
        using var watching = new CancellationTokenSource();
        var watch = WatchHealthAsync("edge-01-emu", healths, watching.Token);

        var report = await RunJobAsync(1000, new JobSpec(SchedulingScheme.EndEdge) { Timeout = TimeSpan.FromMilliseconds(100) });
        await watching.CancelAsync();
        await watch;

        Assert.Equal(JobState.Completed, report.State);
        Assert.True(report.Hedges >= 1, $"expected a backup copy for the slowed edge; {report.Timeouts} time-out(s), {report.Hedges} hedge(s)");
        Assert.True(report.HedgesWon >= 1, "a backup copy on the healthy edge answered first");
        Assert.DoesNotContain(DeviceHealth.Down, healths);
        await AssertEveryImageOnceAsync(report.JobId, 1000);
    }

    [Fact]
    public async Task A_hung_device_is_hedged_and_the_job_loses_no_image()
    {
        await Fixture.Cluster.Client.GetDevice(Tier.End, "end-02-emu").InjectFailureAsync(afterTasks: 3);

        var report = await RunJobAsync(1000, new JobSpec(SchedulingScheme.EndEdge) { Timeout = TimeSpan.FromMilliseconds(100) });

        await AssertCompletedLosingNothingAsync(report, 1000);
        Assert.True(report.Timeouts >= 1);
    }

    [Fact]
    public async Task A_device_tells_queued_work_from_running_work_so_a_queue_is_never_taken_for_death()
    {
        var device = Fixture.Cluster.Client.GetDevice(Tier.End, "end-01-emu");
        // Slow enough that its first batch still runs when looked at 300 ms later, even on a loaded machine.
        await device.SlowDownAsync(30);
        var pixels = SyntheticCifar.Generate(50).CreateTask(0, 50).Pixels;
        var cancellation = TestContext.Current.CancellationToken;

        var first = device.ClassifyAsync(new PixelBatch(0, 50, pixels, WorkId: "job-a/1"), cancellation);
        var second = device.ClassifyAsync(new PixelBatch(1, 50, pixels, WorkId: "job-b/1"), cancellation);
        await Task.Delay(300, cancellation);
        WorkProgress[] seen = [await device.GetWorkAsync("job-a/1"), await device.GetWorkAsync("job-b/1")];
        await Task.WhenAll(first, second);

        // One runs (for a while now), the other waits behind it: which one, arrival order decides.
        var running = Assert.Single(seen, w => w.Phase == WorkPhase.Running);
        Assert.InRange(running.RunningMs, 100, 1000);
        Assert.Single(seen, w => w.Phase == WorkPhase.Queued);
        Assert.Equal(WorkPhase.Unknown, (await device.GetWorkAsync("job-a/1")).Phase);
        Assert.Equal(WorkPhase.Unknown, (await device.GetWorkAsync("never-sent")).Phase);
    }

    private async Task WatchHealthAsync(string device, List<DeviceHealth> healths, CancellationToken cancellation)
    {
        var monitor = Fixture.Cluster.Client.GetDeviceMonitor();
        while (!cancellation.IsCancellationRequested)
        {
            healths.Add((await monitor.GetDevicesAsync()).Single(d => d.Profile.Id == device).Health);
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
