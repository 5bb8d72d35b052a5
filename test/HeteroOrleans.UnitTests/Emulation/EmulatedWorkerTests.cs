using HeteroOrleans.UnitTests.Infrastructure;

namespace HeteroOrleans.UnitTests.Emulation;

public sealed class EmulatedWorkerTests
{
    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Func<TimeSpan, TimeSpan> For(int ms) => _ => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public async Task Work_runs_one_piece_at_a_time_in_arrival_order_with_urgent_work_first()
    {
        using var worker = new EmulatedWorker(_time);
        var started = new List<string>();
        var first = worker.RunAsync(() => "a", For(100), () => started.Add("a"), Ct);
        await Until(() => started.Count == 1);
        var second = worker.RunAsync(() => "b", For(10), () => started.Add("b"), Ct);
        var urgent = worker.RunAsync(() => "u", For(10), () => started.Add("u"), Ct, urgent: true);

        await RunClockUntil(() => second.IsCompleted);

        // "a" was running when the urgent piece came: it finishes, then the urgent one jumps the queue.
        Assert.Equal(["a", "u", "b"], started);
        // b waits for all of a (queued as a started) and all of u.
        Assert.Equal(110, (await second).QueueMs, 3);
        Assert.True(first.IsCompletedSuccessfully && urgent.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_piece_keeps_the_device_busy_for_its_time_and_is_never_done_early()
    {
        using var worker = new EmulatedWorker(_time);
        var begun = _time.GetUtcNow();
        var doneAt = new DateTimeOffset[5];
        var pieces = Enumerable.Range(0, 5).Select(i => worker.RunAsync(() => i, For(20), cancellation: Ct)
            .ContinueWith(t => { doneAt[i] = _time.GetUtcNow(); return t.Result; }, TaskScheduler.Default)).ToList();

        await RunClockUntil(() => pieces.All(p => p.IsCompleted));

        Assert.Equal([0, 1, 2, 3, 4], (await Task.WhenAll(pieces)).Select(r => r.Value));
        Assert.All(Enumerable.Range(0, 5), i => Assert.True(doneAt[i] - begun >= TimeSpan.FromMilliseconds(20 * (i + 1)), $"piece {i} done at {(doneAt[i] - begun).TotalMilliseconds} ms"));
        Assert.All(await Task.WhenAll(pieces), r => Assert.Equal(20, r.RunMs, 6));
    }

    [Fact]
    public async Task A_piece_sent_once_the_last_answer_is_back_is_not_delayed_by_how_late_that_answer_came()
    {
        using var worker = new EmulatedWorker(_time);
        var computed = false;
        var first = worker.RunAsync(() => computed = true, For(20), cancellation: Ct);
        await Until(() => computed);
        await Task.Delay(50, Ct);

        // The clock jumps 5 ms past the first piece's end before its answer is given: a timer fired late.
        _time.Advance(TimeSpan.FromMilliseconds(25));
        await Until(() => first.IsCompleted);
        var second = worker.RunAsync(() => 2, For(20), cancellation: Ct);
        await RunClockUntil(() => second.IsCompleted);

        // The second starts where a device that had answered on time would have started it: at 20 ms, done at 40.
        Assert.Equal(0, (await second).QueueMs);
        Assert.InRange((_time.GetUtcNow() - FakeStart).TotalMilliseconds, 40, 41);
    }

    [Fact]
    public async Task Work_that_takes_longer_than_its_profile_keeps_the_device_busy_that_long()
    {
        using var worker = new EmulatedWorker(_time);

        // The work moves the clock itself, past its profile: nothing else may (a clock ticking beside it would add to its time).
        var result = worker.RunAsync(() => { _time.Advance(TimeSpan.FromMilliseconds(60)); return 1; }, For(10), cancellation: Ct);
        await Until(() => result.IsCompleted);

        Assert.Equal(60, (await result).RunMs, 3);
    }

    [Fact]
    public async Task Work_cancelled_before_it_starts_is_dropped_and_failing_work_fails_its_caller_only()
    {
        using var worker = new EmulatedWorker(_time);
        using var cancel = new CancellationTokenSource();
        var running = worker.RunAsync(() => 1, For(50), cancellation: Ct);
        var dropped = worker.RunAsync(() => 2, For(50), cancellation: cancel.Token);
        var failing = worker.RunAsync<int>(() => throw new InvalidOperationException("broken model"), For(1), cancellation: Ct);
        var after = worker.RunAsync(() => 3, For(1), cancellation: Ct);
        await cancel.CancelAsync();

        await RunClockUntil(() => after.IsCompleted);
        Assert.Equal(1, (await running).Value);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dropped);
        Assert.Equal("broken model", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal(3, (await after).Value);
    }

    [Fact]
    public async Task Disposing_drops_queued_work()
    {
        var worker = new EmulatedWorker(_time);
        var running = worker.RunAsync(() => 1, For(50), cancellation: Ct);
        var queued = worker.RunAsync(() => 2, For(50), cancellation: Ct);

        worker.Dispose();
        await RunClockUntil(() => running.IsCompleted);

        Assert.Equal(1, (await running).Value);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Throws<ObjectDisposedException>(() => { _ = worker.RunAsync(() => 3, For(1), cancellation: Ct); });
    }

    private static readonly DateTimeOffset FakeStart = new FakeTimeProvider().GetUtcNow();

    // The worker computes on the thread pool: let it run between steps of the fake clock, a millisecond at a time.
    private async Task RunClockUntil(Func<bool> done)
    {
        for (var step = 0; step < 2_000 && !done(); step++)
        {
            await Task.Delay(1, Ct);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        await Until(done);
    }

    private static Task Until(Func<bool> condition) => Waiting.Until(condition, "the worker");
}
