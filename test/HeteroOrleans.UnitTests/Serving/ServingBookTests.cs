namespace HeteroOrleans.UnitTests.Serving;

public sealed class ServingBookTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Normal_requests_leave_the_last_share_of_the_room_to_high_priority_ones()
    {
        var book = new ServingBook(new ServingOptions { MaxInFlight = 10, HighPriorityShare = 0.2 }, _time);

        var normal = Enumerable.Range(0, 9).Select(_ => book.TryAdmit(RequestPriority.Normal)).ToList();
        var high = Enumerable.Range(0, 3).Select(_ => book.TryAdmit(RequestPriority.High)).ToList();

        Assert.Equal(8, normal.Count(admitted => admitted));
        Assert.Equal(2, high.Count(admitted => admitted));
        Assert.Equal((10, 2L), (book.InFlight, book.Outcomes.Refused));
    }

    [Fact]
    public void An_ended_request_frees_its_room_and_is_counted_by_its_outcome()
    {
        var book = new ServingBook(new ServingOptions { MaxInFlight = 1, HighPriorityShare = 0 }, _time);
        Assert.True(book.TryAdmit(RequestPriority.Normal));
        Assert.False(book.TryAdmit(RequestPriority.Normal));

        book.Ended(ServeOutcome.CoarseAtDeadline, 600);
        Assert.True(book.TryAdmit(RequestPriority.Normal));
        book.Ended(ServeOutcome.FineInTime, 20);

        Assert.Equal((1L, 1L, 1L, 0L, 0L), book.Outcomes);
        Assert.Equal(0, book.InFlight);
    }

    [Fact]
    public void The_retry_hint_follows_how_fast_requests_have_been_answered_lately()
    {
        var book = new ServingBook(new ServingOptions { MaxInFlight = 4, HighPriorityShare = 0 }, _time);
        Assert.Equal(TimeSpan.FromSeconds(5), book.RetryAfter());

        // One request answered every 200 ms, with four in flight: the room frees in about 200 ms.
        for (var i = 0; i < 4; i++)
        {
            Assert.True(book.TryAdmit(RequestPriority.Normal));
            book.Ended(ServeOutcome.FineInTime, 200);
            _time.Advance(TimeSpan.FromMilliseconds(200));
        }

        for (var i = 0; i < 4; i++)
        {
            book.TryAdmit(RequestPriority.Normal);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(200), book.RetryAfter());
    }

    [Fact]
    public void Answers_leave_a_little_before_the_deadline_and_earlier_while_the_service_runs_late()
    {
        var book = new ServingBook(new ServingOptions(), _time);
        var deadline = TimeSpan.FromMilliseconds(600);
        Assert.Equal(TimeSpan.FromMilliseconds(2), book.ReplyMargin(deadline));

        for (var i = 0; i < 200; i++)
        {
            book.Lagged(8);
        }

        Assert.InRange(book.ReplyMargin(deadline).TotalMilliseconds, 17, 18);

        // Never more than a twentieth of the deadline, however late the turns run.
        for (var i = 0; i < 200; i++)
        {
            book.Lagged(100);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(30), book.ReplyMargin(deadline));
    }
}
