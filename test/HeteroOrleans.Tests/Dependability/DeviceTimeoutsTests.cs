namespace HeteroOrleans.Tests.Dependability;

public sealed class DeviceTimeoutsTests
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void A_device_starts_from_its_profile_and_never_goes_below_the_floor()
    {
        var timeouts = new DeviceTimeouts(Floor);
        timeouts.Expect("fast", 0.4);
        timeouts.Expect("slow", 20);

        // 0.4 ms + 4 × 0.2 ms per image, times 50 images = 60 ms: under the floor.
        Assert.Equal(Floor, timeouts.For("fast", 50));

        // 20 ms + 4 × 10 ms per image, times 50 = 3 s.
        Assert.Equal(TimeSpan.FromSeconds(3), timeouts.For("slow", 50));
    }

    [Fact]
    public void A_device_nobody_described_gets_the_unknown_speed_allowance_until_it_answers()
    {
        var timeouts = new DeviceTimeouts(Floor);
        Assert.Equal(DeviceTimeouts.UnknownSpeedAllowance, timeouts.For("new", 50));

        timeouts.Observe("new", runMs: 1000, images: 50);

        // First answer: 20 ms per image, deviation half that: 60 ms per image.
        Assert.Equal(TimeSpan.FromSeconds(3), timeouts.For("new", 50));
    }

    [Fact]
    public void A_device_that_slows_down_is_given_more_time_as_its_answers_show_it()
    {
        var timeouts = new DeviceTimeouts(Floor);
        timeouts.Expect("d", 10);
        for (var i = 0; i < 20; i++)
        {
            timeouts.Observe("d", runMs: 500, images: 50);
        }

        var steady = timeouts.For("d", 50);
        timeouts.Observe("d", runMs: 5000, images: 50);
        var afterOneSlowAnswer = timeouts.For("d", 50);

        Assert.InRange(steady.TotalMilliseconds, 500, 560);
        Assert.True(afterOneSlowAnswer > 2 * steady, $"{afterOneSlowAnswer} after a ten-times slower answer, {steady} before");
    }

    [Fact]
    public void Steady_answers_narrow_the_deviation_towards_the_smoothed_time()
    {
        var timeouts = new DeviceTimeouts(TimeSpan.Zero);
        timeouts.Expect("d", 10);
        var first = timeouts.For("d", 100);
        for (var i = 0; i < 50; i++)
        {
            timeouts.Observe("d", runMs: 1000, images: 100);
        }

        Assert.Equal(TimeSpan.FromSeconds(3), first);
        Assert.InRange(timeouts.For("d", 100).TotalMilliseconds, 1000, 1010);
    }
}
