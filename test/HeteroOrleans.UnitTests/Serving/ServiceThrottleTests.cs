using HeteroOrleans.Client;
using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.UnitTests.Serving;

public sealed class ServiceThrottleTests
{
    private static readonly ServeReply Admitted = new(ServeOutcome.FineInTime, [], 500);
    private static readonly ServeReply Full = new(ServeOutcome.Refused, [], 0, TimeSpan.FromMilliseconds(300), "the service is full");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_service_that_admits_nearly_everything_is_never_second_guessed()
    {
        var throttle = new ServiceThrottle(_time, new Random(1));

        // One request in twenty refused (less than one in eleven): every request is sent.
        for (var i = 0; i < 2_000; i++)
        {
            Assert.False(throttle.Refuses(RequestPriority.Normal, out _));
            throttle.Answered(RequestPriority.Normal, i % 20 == 19 ? Full : Admitted);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    [Fact]
    public void While_the_service_admits_a_third_the_client_sends_about_a_tenth_more_than_that_and_holds_back_the_rest()
    {
        var throttle = new ServiceThrottle(_time, new Random(1));
        var (sent, admitted, heldBack, room) = (0, 0, 0, 0.0);
        for (var i = 0; i < 6_000; i++)
        {
            // A request a millisecond, to a service with room for one every three (and a few more in a burst).
            _time.Advance(TimeSpan.FromMilliseconds(1));
            room = Math.Min(20, room + (1.0 / 3));
            if (throttle.Refuses(RequestPriority.Normal, out _))
            {
                heldBack++;
                continue;
            }

            sent++;
            var admits = room >= 1;
            (admitted, room) = admits ? (admitted + 1, room - 1) : (admitted, room);
            throttle.Answered(RequestPriority.Normal, admits ? Admitted : Full);
        }

        Assert.InRange(admitted, 1_900, 2_000);
        Assert.InRange((double)sent / admitted, 1.0, 1.3);
        Assert.InRange(heldBack, 3_400, 4_000);
        Assert.Equal(TimeSpan.FromMilliseconds(300), throttle.RetryAfter);
    }

    [Fact]
    public void Refusals_of_normal_requests_do_not_hold_back_high_priority_ones()
    {
        var throttle = new ServiceThrottle(_time, new Random(1));
        var heldBack = 0;
        for (var i = 0; i < 1_000; i++)
        {
            if (throttle.Refuses(RequestPriority.Normal, out _))
            {
                heldBack++;
            }
            else
            {
                throttle.Answered(RequestPriority.Normal, Full);
            }

            Assert.False(throttle.Refuses(RequestPriority.High, out _));
            throttle.Answered(RequestPriority.High, Admitted);
        }

        Assert.InRange(heldBack, 900, 1_000);
    }

    [Fact]
    public void Refusals_fade_so_that_the_first_request_after_a_quiet_spell_is_sent()
    {
        var throttle = new ServiceThrottle(_time, new Random(1));
        for (var i = 0; i < 1_000; i++)
        {
            if (!throttle.Refuses(RequestPriority.Normal, out _))
            {
                throttle.Answered(RequestPriority.Normal, Full);
            }
        }

        _time.Advance(ServiceThrottle.Window * 20);

        Assert.False(throttle.Refuses(RequestPriority.Normal, out var admittedShare));
        Assert.Equal(0, admittedShare, precision: 3);
    }

    [Fact]
    public void Requests_in_flight_for_half_a_second_are_not_taken_for_refused_ones()
    {
        var throttle = new ServiceThrottle(_time, new Random(1));
        var inFlight = new Queue<int>();
        for (var ms = 0; ms < 3_000; ms++)
        {
            // Two requests a millisecond, each admitted and answered 500 ms later.
            _time.Advance(TimeSpan.FromMilliseconds(1));
            while (inFlight.TryPeek(out var due) && due <= ms)
            {
                inFlight.Dequeue();
                throttle.Answered(RequestPriority.Normal, Admitted);
            }

            for (var i = 0; i < 2; i++)
            {
                Assert.False(throttle.Refuses(RequestPriority.Normal, out _));
                inFlight.Enqueue(ms + 500);
            }
        }
    }
}
