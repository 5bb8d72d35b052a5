using HeteroOrleans.Grains.Devices;

namespace HeteroOrleans.UnitTests.Devices;

public sealed class DeviceFaultsTests
{
    [Fact]
    public async Task A_device_set_to_fail_after_some_tasks_stops_answering_then_and_not_before()
    {
        var faults = new DeviceFaults("end-01", failAfterTasks: 0);
        faults.FailAfter(tasksDone: 10, afterTasks: 2);

        Assert.True(faults.HangIfFailedAsync(11).IsCompleted);
        var hanging = faults.HangIfFailedAsync(12);
        Assert.False(hanging.IsCompleted);

        // Recovered, it answers again; the call left hanging meanwhile fails, as its caller gave up on it long ago.
        faults.Recover();
        Assert.True(faults.HangIfFailedAsync(12).IsCompleted);
        await Assert.ThrowsAsync<InvalidOperationException>(() => hanging);
    }

    [Fact]
    public async Task A_profile_that_fails_after_half_its_tasks_fails_there_and_a_stopped_device_ends_its_hanging_calls()
    {
        var faults = new DeviceFaults("end-01", failAfterTasks: 12);

        Assert.False(faults.IsFailed(11));
        Assert.True(faults.IsFailed(12));
        var hanging = faults.HangIfFailedAsync(12);
        faults.Stop("silo shutting down");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => hanging);
        Assert.Contains("silo shutting down", error.Message);
    }

    [Fact]
    public void A_slow_down_lasts_until_the_device_recovers_and_cannot_make_it_faster()
    {
        var faults = new DeviceFaults("end-01", 0);
        faults.Slow(5);
        Assert.Equal(5, faults.SlowDown);
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.Slow(0.5));
        faults.Recover();
        Assert.Equal(1, faults.SlowDown);
    }
}
