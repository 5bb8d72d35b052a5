using HeteroOrleans.Inference.Runtime;
using HeteroOrleans.UnitTests.Infrastructure;

namespace HeteroOrleans.UnitTests.Runtime;

public sealed class ComputePoolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_more_pieces_run_at_once_than_the_pool_has_threads()
    {
        using var pool = new ComputePool(2, "test");
        using var release = new ManualResetEventSlim();
        var (running, most) = (0, 0);
        var gate = new Lock();
        var pieces = Enumerable.Range(0, 6).Select(i => pool.RunAsync(() =>
        {
            lock (gate)
            {
                most = Math.Max(most, ++running);
            }

            release.Wait(Wait);
            lock (gate)
            {
                running--;
            }

            return i;
        }, cancellation: Ct)).ToList();

        int Running()
        {
            lock (gate)
            {
                return running;
            }
        }

        // Both threads hold a piece and the rest queue: only then may the pieces go (a thread between taking its piece
        // and starting it would otherwise let the first one finish alone).
        await Until(() => pool.Queued == 4 && Running() == 2);
        release.Set();
        var results = await Task.WhenAll(pieces).WaitAsync(Wait, Ct);

        Assert.Equal(2, most);
        Assert.Equal([0, 1, 2, 3, 4, 5], results.Select(r => r.Value));
    }

    [Fact]
    public async Task Urgent_work_starts_before_work_queued_earlier()
    {
        using var pool = new ComputePool(1, "test");
        using var release = new ManualResetEventSlim();
        var started = new List<string>();
        var blocker = pool.RunAsync(() => release.Wait(Wait), () => started.Add("running"), Ct);
        await Until(() => started.Count == 1);
        var queued = pool.RunAsync(() => 0, () => started.Add("queued"), Ct);
        var urgent = pool.RunAsync(() => 0, () => started.Add("urgent"), Ct, urgent: true);

        release.Set();
        await Task.WhenAll(blocker, queued, urgent).WaitAsync(Wait, Ct);

        Assert.Equal(["running", "urgent", "queued"], started);
    }

    [Fact]
    public async Task Work_cancelled_while_it_queues_never_runs()
    {
        using var pool = new ComputePool(1, "test");
        using var release = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var blocker = pool.RunAsync(() => release.Wait(Wait), cancellation: Ct);
        var ran = false;
        var dropped = pool.RunAsync(() => ran = true, cancellation: cancel.Token);

        await cancel.CancelAsync();
        release.Set();
        await blocker.WaitAsync(Wait, Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dropped.WaitAsync(Wait, Ct));
        Assert.False(ran);
    }

    [Fact]
    public async Task A_failing_piece_fails_its_own_task_and_the_pool_goes_on()
    {
        using var pool = new ComputePool(1, "test");

        var failed = pool.RunAsync<int>(() => throw new InvalidOperationException("bad model"), cancellation: Ct);
        var next = pool.RunAsync(() => 7, cancellation: Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(Wait, Ct));
        Assert.Equal("bad model", error.Message);
        Assert.Equal(7, (await next.WaitAsync(Wait, Ct)).Value);
    }

    private static Task Until(Func<bool> condition) => Waiting.Until(condition, "the pool");
}
