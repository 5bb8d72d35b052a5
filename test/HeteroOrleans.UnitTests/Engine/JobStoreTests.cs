using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace HeteroOrleans.UnitTests.Engine;

public sealed class JobStoreTests
{
    [Fact]
    public void A_write_refused_for_its_etag_makes_the_activation_stale_and_it_writes_no_more() => GrainLikeContext.Run(async () =>
    {
        var (state, time) = (new FakeState(), new FakeTimeProvider());
        var store = new JobStore(state, () => new JobRecord { Plan = "p" }, NullLogger.Instance, "job-1", time);

        await store.FlushAsync();
        state.Refuse = new InconsistentStateException("etag", "1", "2");
        await store.FlushAsync();
        store.Changed();
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.Yield();

        Assert.True(store.Stale);
        Assert.Equal(2, state.Writes);
    });

    [Fact]
    public void A_record_the_store_lost_is_written_again_from_the_live_activation_which_stays_the_owner() => GrainLikeContext.Run(async () =>
    {
        var (state, time) = (new FakeState(), new FakeTimeProvider());
        var store = new JobStore(state, () => new JobRecord { Plan = "p" }, NullLogger.Instance, "job-1", time);
        await store.FlushAsync();

        // The store restarted empty: the write is refused for its version, and a read finds no record at all.
        (state.Lost, state.Refuse) = (true, new InconsistentStateException("etag", "1", string.Empty));
        await store.FlushAsync();

        Assert.False(store.Stale);
        Assert.Equal(1, store.Lost);
        Assert.Equal((3, 2, "p"), (state.Writes, state.Stored, state.State.Plan));
    });

    [Fact]
    public void A_store_that_is_away_is_written_again_once_it_answers() => GrainLikeContext.Run(async () =>
    {
        var (state, time) = (new FakeState { Refuse = new TimeoutException("store away") }, new FakeTimeProvider());
        var store = new JobStore(state, () => new JobRecord(), NullLogger.Instance, "job-1", time);

        var flushing = store.FlushAsync();
        await Task.Yield();
        state.Refuse = null;
        while (!flushing.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Yield();
        }

        await flushing;
        Assert.False(store.Stale);
        Assert.Equal(1, state.Stored);
    });

    [Fact]
    public void Changes_made_while_a_write_is_under_way_go_together_in_the_next_write() => GrainLikeContext.Run(async () =>
    {
        var (state, time) = (new FakeState { Slow = true }, new FakeTimeProvider());
        var version = 0;
        var store = new JobStore(state, () => new JobRecord { Activations = ++version }, NullLogger.Instance, "job-1", time);

        store.Changed();
        for (var i = 0; i < 10; i++)
        {
            store.Changed();
        }

        state.Slow = false;
        state.Release();
        for (var i = 0; i < 20; i++)
        {
            await Task.Yield();
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // Eleven changes, two writes: the first, and one with the ten made while it was under way.
        Assert.Equal(2, state.Writes);
        Assert.Equal(2, state.State.Activations);
    });

    // Grain storage that counts writes, refuses them with a given error, or holds a write until released.
    private sealed class FakeState : IPersistentState<JobRecord>
    {
        private TaskCompletionSource _held = new();

        public Exception? Refuse { get; set; }

        public bool Slow { get; set; }

        public int Writes { get; private set; }

        public int Stored { get; private set; }

        public JobRecord State { get; set; } = new();

        public string? Etag { get; private set; }

        // The store lost every record (it restarted empty): reads find none until the next write.
        public bool Lost { get; set; }

        public bool RecordExists => Stored > 0 && !Lost;

        public void Release() => _held.TrySetResult();

        public Task ClearStateAsync() => Task.CompletedTask;

        // A read of a lost record leaves no version to hold a write to: the next write creates the record.
        public Task ReadStateAsync()
        {
            if (Lost)
            {
                (Refuse, Etag) = (null, null);
            }

            return Task.CompletedTask;
        }

        public async Task WriteStateAsync()
        {
            Writes++;
            if (Slow)
            {
                await _held.Task;
                _held = new TaskCompletionSource();
            }

            if (Refuse is { } error)
            {
                throw error;
            }

            Stored++;
            Lost = false;
            Etag = Stored.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
