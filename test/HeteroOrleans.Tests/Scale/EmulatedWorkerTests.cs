using System.Diagnostics;
using HeteroOrleans.Inference.Runtime;

namespace HeteroOrleans.Tests.Scale;

public sealed class EmulatedWorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Func<TimeSpan, TimeSpan> For(int ms) => _ => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public async Task Work_runs_one_piece_at_a_time_in_arrival_order_with_urgent_work_first()
    {
        using var worker = new EmulatedWorker();
        var started = new List<string>();
        var first = worker.RunAsync(() => "a", For(100), () => started.Add("a"), Ct);
        var second = worker.RunAsync(() => "b", For(10), () => started.Add("b"), Ct);
        var urgent = worker.RunAsync(() => "u", For(10), () => started.Add("u"), Ct, urgent: true);

        await Task.WhenAll(first, second, urgent);

        // "a" was running when the urgent piece came: it finishes, then the urgent one jumps the queue.
        Assert.Equal(["a", "u", "b"], started);
        // b waits for what is left of a (queued a little after a started: less on a busy machine) and all of u.
        Assert.True((await second).QueueMs >= 50, $"b waited {(await second).QueueMs} ms behind 110 ms of work");
    }

    [Fact]
    public async Task A_piece_keeps_the_device_busy_for_its_time_and_is_never_done_early()
    {
        using var worker = new EmulatedWorker();
        var clock = Stopwatch.StartNew();
        var pieces = Enumerable.Range(0, 5).Select(i => worker.RunAsync(() => i, For(20), cancellation: Ct)).ToList();

        var results = await Task.WhenAll(pieces);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(100), $"five 20 ms pieces took {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal([0, 1, 2, 3, 4], results.Select(r => r.Value));
        // Never done early; longer only when the answer itself took longer (a thread pool slow to start it on a busy
        // machine), which the next test covers.
        Assert.All(results, r => Assert.True(r.RunMs >= 19.999, $"a 20 ms piece ran {r.RunMs} ms"));
    }

    [Fact]
    public async Task Work_that_takes_longer_than_its_profile_keeps_the_device_busy_that_long()
    {
        using var worker = new EmulatedWorker();

        var result = await worker.RunAsync(() => { Thread.Sleep(60); return 1; }, For(10), cancellation: Ct);

        Assert.True(result.RunMs >= 60, $"ran {result.RunMs} ms");
    }

    [Fact]
    public async Task Work_cancelled_before_it_starts_is_dropped_and_failing_work_fails_its_caller_only()
    {
        using var worker = new EmulatedWorker();
        using var cancel = new CancellationTokenSource();
        var running = worker.RunAsync(() => 1, For(50), cancellation: Ct);
        var dropped = worker.RunAsync(() => 2, For(50), cancellation: cancel.Token);
        var failing = worker.RunAsync<int>(() => throw new InvalidOperationException("broken model"), For(1), cancellation: Ct);
        var after = worker.RunAsync(() => 3, For(1), cancellation: Ct);
        await cancel.CancelAsync();

        Assert.Equal(1, (await running).Value);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dropped);
        Assert.Equal("broken model", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal(3, (await after).Value);
    }

    [Fact]
    public async Task Disposing_drops_queued_work()
    {
        var worker = new EmulatedWorker();
        var running = worker.RunAsync(() => 1, For(50), cancellation: Ct);
        var queued = worker.RunAsync(() => 2, For(50), cancellation: Ct);

        worker.Dispose();

        Assert.Equal(1, (await running).Value);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Throws<ObjectDisposedException>(() => { _ = worker.RunAsync(() => 3, For(1), cancellation: Ct); });
    }
}
