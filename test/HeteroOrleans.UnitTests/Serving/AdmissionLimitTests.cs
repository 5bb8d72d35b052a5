namespace HeteroOrleans.UnitTests.Serving;

public sealed class AdmissionLimitTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void The_limit_binds_only_once_batches_came_back_slower_and_then_comes_back_slowly_to_where_it_was_cut()
    {
        var limit = new AdmissionLimit(8, 4096, _time);
        Assert.Equal(4096, limit.Current);
        limit.Observe(500, requests: 10, inFlight: 300);
        Repeat(3, () => limit.Observe(1200, requests: 10, inFlight: 300));

        Assert.Equal(279, limit.Current);

        // Back to speed a pass later with the limit nearly used: a twentieth of each batch's requests (not half as much
        // again a pass, which would leap past the knee the cut found).
        _time.Advance(TimeSpan.FromMilliseconds(600));
        Repeat(30, () => limit.Observe(500, requests: 10, inFlight: 240));

        Assert.Equal(294, limit.Current);
    }

    [Fact]
    public void After_light_load_the_limit_grows_by_half_a_pass_again()
    {
        var limit = new AdmissionLimit(8, 4096, _time);
        limit.Observe(500, requests: 10, inFlight: 300);
        Repeat(3, () => limit.Observe(1200, requests: 10, inFlight: 300));
        Assert.Equal(279, limit.Current);

        // Load falls away (a tenth of the limit in flight), then comes back: the next climb starts fast.
        _time.Advance(TimeSpan.FromMilliseconds(600));
        Repeat(10, () => limit.Observe(500, requests: 1, inFlight: 20));
        Repeat(30, () => limit.Observe(500, requests: 10, inFlight: 240));

        Assert.Equal(418, limit.Current);
    }

    [Fact]
    public void Batches_markedly_slower_than_the_fastest_cut_the_limit_to_nine_tenths_of_those_in_flight_once_per_fastest_pass()
    {
        var limit = new AdmissionLimit(8, 4096, _time);
        limit.Observe(500, 1, 0);

        // The typical pass follows slowly: it takes a run of slow batches to call it queueing.
        Repeat(10, () => limit.Observe(900, 1, 255));

        Assert.Equal(230, limit.Current);
        _time.Advance(TimeSpan.FromMilliseconds(600));
        limit.Observe(900, 1, 255);
        Assert.Equal(207, limit.Current);
    }

    [Fact]
    public void The_limit_stays_between_its_floor_and_ceiling()
    {
        var limit = new AdmissionLimit(8, 300, _time);
        limit.Observe(100, 1, 0);
        for (var i = 0; i < 100; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            limit.Observe(10_000, 1, 300);
        }

        Assert.Equal(8, limit.Current);

        var roomy = new AdmissionLimit(8, 300, _time);
        roomy.Observe(100, requests: 1000, inFlight: 300);
        Assert.Equal(300, roomy.Current);
    }

    [Fact]
    public void Coarse_answers_that_take_more_than_their_share_of_the_deadline_cut_the_limit_once_passes_slow()
    {
        var limit = new AdmissionLimit(8, 4096, _time);
        limit.Observe(500, requests: 1, inFlight: 10);
        Repeat(20, () => limit.ObserveCoarse(waitedMs: 30, budgetMs: 60, inFlight: 1000));

        Assert.Equal(4096, limit.Current);
        Repeat(40, () => limit.ObserveCoarse(waitedMs: 200, budgetMs: 60, inFlight: 1000));

        // Passes as fast as ever: the coarse work queues behind fine work already admitted, and a cut would not help.
        Assert.Equal(4096, limit.Current);
        Repeat(10, () => limit.Observe(600, requests: 1, inFlight: 1000));
        limit.ObserveCoarse(waitedMs: 200, budgetMs: 60, inFlight: 1000);

        Assert.Equal(900, limit.Current);
    }

    [Fact]
    public void A_first_request_slowed_by_a_model_loading_does_not_hold_the_limit_at_its_floor_once_answers_come_fast_again()
    {
        var limit = new AdmissionLimit(8, 4096, _time);
        limit.ObserveCoarse(waitedMs: 3000, budgetMs: 60, inFlight: 1);
        limit.Expired(inFlight: 1);
        Assert.Equal(8, limit.Current);

        // A few requests in flight: coarse answers come rarely, each in a fraction of its budget.
        Repeat(10, () =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(60));
            limit.ObserveCoarse(waitedMs: 5, budgetMs: 60, inFlight: 8);
        });
        Repeat(8, () =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(60));
            limit.Observe(505, requests: 1, inFlight: limit.Current);
        });

        Assert.True(limit.Current > 16, $"the limit is {limit.Current}");
    }

    [Fact]
    public void A_late_timer_stops_the_limit_growing_and_cuts_it_only_once_passes_slow()
    {
        var limit = new AdmissionLimit(8, 4096, _time);
        limit.Observe(500, requests: 1, inFlight: 10);
        limit.Expired(inFlight: 100);
        Assert.Equal(90, limit.Current);

        Repeat(200, () => limit.ObserveLag(lagMs: 30, inFlight: 80));
        _time.Advance(TimeSpan.FromMilliseconds(600));
        Repeat(5, () => limit.Observe(500, requests: 1, inFlight: 80));
        Assert.Equal(90, limit.Current);

        Repeat(20, () => limit.Observe(600, requests: 1, inFlight: 80));
        Assert.Equal(81, limit.Current);
    }

    [Fact]
    public void What_comes_back_of_batches_sent_before_a_cut_does_not_cut_again()
    {
        var limit = new AdmissionLimit(8, 4096, _time);
        limit.Observe(500, requests: 1, inFlight: 10);
        var before = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        limit.Expired(inFlight: 1000);
        Assert.Equal(900, limit.Current);

        // A pass later the batches sent before the cut still come back slow, and requests admitted then expire.
        _time.Advance(TimeSpan.FromMilliseconds(600));
        Repeat(30, () => limit.Observe(900, requests: 1, inFlight: 800, sentAt: before));
        limit.Expired(inFlight: 800, admittedAt: before);
        Assert.Equal(900, limit.Current);

        Repeat(30, () => limit.Observe(900, requests: 1, inFlight: 800));
        Assert.Equal(810, limit.Current);
    }

    [Fact]
    public void An_expired_request_cuts_the_limit_to_nine_tenths_of_those_in_flight()
    {
        var limit = new AdmissionLimit(8, 4096, _time);

        limit.Expired(inFlight: 500);
        limit.Expired(inFlight: 400);

        Assert.Equal(450, limit.Current);
        _time.Advance(TimeSpan.FromMilliseconds(101));
        limit.Expired(inFlight: 400);
        Assert.Equal(405, limit.Current);
    }

    [Fact]
    public void A_device_giving_up_a_few_batches_in_a_hundred_does_not_cut_the_limit()
    {
        var limit = new AdmissionLimit(8, 4096, _time);
        limit.Observe(500, requests: 10, inFlight: 1000);

        // With a 600 ms deadline over 500 ms of links, devices under load give up the odd batch: answered coarse, in time.
        Repeat(40, () =>
        {
            Repeat(19, () => limit.Observe(520, requests: 10, inFlight: 1000, deadlineMs: 600));
            limit.Dropped(300, requests: 10, inFlight: 1000, deadlineMs: 600);
        });

        Assert.Equal(4096, limit.Current);
    }

    [Fact]
    public void More_than_one_request_in_ten_given_up_cuts_the_limit_once_per_pass()
    {
        var limit = new AdmissionLimit(8, 4096, _time);
        limit.Observe(500, requests: 10, inFlight: 1000);

        Repeat(20, () =>
        {
            Repeat(3, () => limit.Observe(520, requests: 10, inFlight: 1000, deadlineMs: 600));
            limit.Dropped(300, requests: 10, inFlight: 1000, deadlineMs: 600);
        });

        Assert.Equal(909, limit.Current);

        // Still as many given up a pass later: cut again.
        _time.Advance(TimeSpan.FromMilliseconds(600));
        Repeat(20, () =>
        {
            Repeat(3, () => limit.Observe(520, requests: 10, inFlight: 800, deadlineMs: 600));
            limit.Dropped(300, requests: 10, inFlight: 800, deadlineMs: 600);
        });

        Assert.Equal(819, limit.Current);
    }

    // Observes the same thing several times over, as a stream of batches does.
    private static void Repeat(int times, Action observe)
    {
        for (var i = 0; i < times; i++)
        {
            observe();
        }
    }
}
