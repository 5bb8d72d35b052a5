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

        Assert.Equal(8, normal.Count(a => a is not null));
        Assert.Equal(2, high.Count(a => a is not null));
        Assert.Equal((10, 2L), (book.InFlight, book.Counts.Refused));
    }

    [Fact]
    public void An_ended_request_frees_its_room_and_is_counted_by_its_outcome()
    {
        var book = new ServingBook(new ServingOptions { MaxInFlight = 1, HighPriorityShare = 0 }, _time);
        var first = book.TryAdmit(RequestPriority.Normal)!.Value;
        Assert.Null(book.TryAdmit(RequestPriority.Normal));

        book.Ended(first.TaskIndex, ServeOutcome.CoarseAtDeadline);
        var second = book.TryAdmit(RequestPriority.Normal)!.Value;
        book.Ended(second.TaskIndex, ServeOutcome.FineInTime);

        Assert.NotEqual(first.TaskIndex, second.TaskIndex);
        Assert.Equal(new ServeCounts(1, 1, 1, 0, 0), book.Counts);
        Assert.True(first.Coarse.IsCanceled, "a request that ended no longer waits for its coarse answer");
    }

    [Fact]
    public async Task A_coarse_answer_reaches_the_request_of_its_task()
    {
        var book = new ServingBook(new ServingOptions(), _time);
        var (a, b) = (book.TryAdmit(RequestPriority.Normal)!.Value, book.TryAdmit(RequestPriority.High)!.Value);
        var answer = new InferenceResult("end-01", "silo", [3], [0.9f], 1, 0);

        book.Answered(new ImageTask(b.TaskIndex, 0, new byte[3072], [0], [0]), answer);

        Assert.False(a.Coarse.IsCompleted);
        Assert.Same(answer, await b.Coarse);
    }

    [Fact]
    public void The_retry_hint_follows_how_fast_requests_have_been_answered_lately()
    {
        var book = new ServingBook(new ServingOptions { MaxInFlight = 4, HighPriorityShare = 0 }, _time);
        Assert.Equal(TimeSpan.FromSeconds(5), book.RetryAfter());

        // One request answered every 200 ms, with four in flight: the room frees in about 200 ms.
        for (var i = 0; i < 4; i++)
        {
            book.Ended(book.TryAdmit(RequestPriority.Normal)!.Value.TaskIndex, ServeOutcome.FineInTime);
            _time.Advance(TimeSpan.FromMilliseconds(200));
        }

        for (var i = 0; i < 4; i++)
        {
            book.TryAdmit(RequestPriority.Normal);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(200), book.RetryAfter());
    }
}
