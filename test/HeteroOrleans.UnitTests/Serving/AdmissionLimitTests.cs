namespace HeteroOrleans.UnitTests.Serving;

public sealed class AdmissionLimitTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void The_limit_grows_while_batches_come_back_as_fast_as_ever_and_the_limit_is_nearly_used()
    {
        var limit = new AdmissionLimit(8, 4096, _time);

        limit.Observe(500, requests: 10, inFlight: 250);
        limit.Observe(505, requests: 10, inFlight: 10);

        Assert.Equal(266, limit.Current);
    }

    [Fact]
    public void Batches_markedly_slower_than_the_fastest_cut_the_limit_by_a_fifth_once_per_fastest_pass()
    {
        var limit = new AdmissionLimit(8, 4096, _time);
        limit.Observe(500, 1, 0);

        // The typical pass follows slowly: it takes a run of slow batches to call it queueing.
        for (var i = 0; i < 10; i++)
        {
            limit.Observe(900, 1, 0);
        }

        Assert.Equal(204, limit.Current);
        _time.Advance(TimeSpan.FromMilliseconds(600));
        limit.Observe(900, 1, 0);
        Assert.Equal(163, limit.Current);
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
}
