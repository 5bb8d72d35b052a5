using HeteroOrleans.Grains.Devices;

namespace HeteroOrleans.UnitTests.Devices;

public sealed class DeviceMeterTests
{
    [Fact]
    public void A_device_that_slows_down_shows_it_within_its_last_batches()
    {
        var meter = new DeviceMeter();
        for (var i = 0; i < 20; i++)
        {
            meter.Done(images: 50, runMs: 100);
        }

        Assert.Equal(2, meter.RecentMsPerImage, 6);
        for (var i = 0; i < 20; i++)
        {
            meter.Done(images: 50, runMs: 1000);
        }

        // Twenty batches ten times slower: the average has all but caught up, the totals hold everything.
        Assert.InRange(meter.RecentMsPerImage, 17, 20);
        Assert.Equal((40, 2000L, 22000.0), (meter.TasksDone, meter.ImagesDone, meter.BusyMs));
    }

    [Fact]
    public void An_encryption_head_adds_to_the_time_busy_but_not_to_the_tasks()
    {
        var meter = new DeviceMeter();
        meter.Busy(30);
        Assert.Equal((0, 30.0, 0.0), (meter.TasksDone, meter.BusyMs, meter.RecentMsPerImage));
    }
}
