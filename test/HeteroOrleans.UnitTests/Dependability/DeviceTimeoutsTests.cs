namespace HeteroOrleans.UnitTests.Dependability;

public sealed class DeviceTimeoutsTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void A_device_starts_from_its_profile_and_always_gets_the_communication_time_out_beyond_it()
    {
        var timeouts = new DeviceTimeouts(Margin);
        timeouts.Expect("fast", 0.4);
        timeouts.Expect("slow", 20);

        // 0.4 ms + 4 × 0.2 ms per image, times 50 images = 60 ms, then the 500 ms margin.
        Assert.Equal(TimeSpan.FromMilliseconds(560), timeouts.For("fast", 50));

        // 20 ms + 4 × 10 ms per image, times 50 = 3 s, then the margin.
        Assert.Equal(TimeSpan.FromSeconds(3.5), timeouts.For("slow", 50));
    }

    [Fact]
    public void A_device_whose_answers_never_vary_is_still_not_late_a_moment_after_its_usual_time()
    {
        var timeouts = new DeviceTimeouts(TimeSpan.FromMilliseconds(100));
        timeouts.Expect("steady", 2);
        for (var i = 0; i < 100; i++)
        {
            timeouts.Observe("steady", runMs: 100, images: 50);
        }

        // Its deviation has shrunk to nothing: without the margin, an answer 1 ms late would pass its time-out.
        Assert.InRange(timeouts.For("steady", 50).TotalMilliseconds, 200, 201);
    }

    [Fact]
    public void A_device_nobody_described_gets_the_unknown_speed_allowance_until_it_answers()
    {
        var timeouts = new DeviceTimeouts(Margin);
        Assert.Equal(DeviceTimeouts.UnknownSpeedAllowance + Margin, timeouts.For("new", 50));

        timeouts.Observe("new", runMs: 1000, images: 50);

        // First answer: 20 ms per image, deviation half that: 60 ms per image, then the margin.
        Assert.Equal(TimeSpan.FromSeconds(3.5), timeouts.For("new", 50));
    }

    [Fact]
    public void A_device_that_slows_down_is_given_more_time_as_its_answers_show_it()
    {
        var timeouts = new DeviceTimeouts(Margin);
        timeouts.Expect("d", 10);
        for (var i = 0; i < 20; i++)
        {
            timeouts.Observe("d", runMs: 500, images: 50);
        }

        var steady = timeouts.For("d", 50);
        timeouts.Observe("d", runMs: 5000, images: 50);
        var afterOneSlowAnswer = timeouts.For("d", 50);

        Assert.InRange(steady.TotalMilliseconds, 1000, 1060);
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
