using System.Collections.Concurrent;

namespace HeteroOrleans.UnitTests.Engine;

/// <summary>
/// One thread that runs posted work in order, as a grain's scheduler does: the job engine's code runs on it with no
/// more concurrency than in its grain, so a unit test sees the races a grain would, and no others.
/// </summary>
internal sealed class GrainLikeContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Work, object? State)> _queue = new();

    /// <summary>Work posted and not yet run.</summary>
    public int Pending => _queue.Count;

    /// <inheritdoc />
    /// <remarks>Work posted once the test is over (a timer of a job left running) is dropped: nothing waits for it.</remarks>
    public override void Post(SendOrPostCallback d, object? state)
    {
        try
        {
            _queue.Add((d, state));
        }
        catch (InvalidOperationException) when (_queue.IsAddingCompleted)
        {
        }
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("The engine never blocks its own thread.");

    /// <summary>Runs <paramref name="body"/> on a context of its own until it ends; its exception, if any, is the caller's.</summary>
    public static void Run(Func<Task> body)
    {
        var previous = Current;
        var context = new GrainLikeContext();
        SetSynchronizationContext(context);
        try
        {
            var task = body();
            _ = task.ContinueWith(_ => context._queue.CompleteAdding(), TaskScheduler.Default);
            foreach (var (work, state) in context._queue.GetConsumingEnumerable())
            {
                work(state);
            }

            task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
