using System.Collections.Concurrent;
using System.Diagnostics;

namespace HeteroOrleans.Inference.Runtime;

/// <summary>
/// One device's compute unit: a dedicated thread that runs one piece of work at a time, in arrival order, urgent work
/// first. ONNX Runtime calls block; running them here keeps them off the Orleans scheduler threads.
/// </summary>
public sealed class InferenceWorker : IDisposable
{
    private readonly BlockingCollection<Action> _urgent = new();
    private readonly BlockingCollection<Action> _queue = new();
    private readonly BlockingCollection<Action>[] _queues;
    private readonly Thread _thread;

    /// <summary>Starts the worker thread, named for the device it serves.</summary>
    public InferenceWorker(string name)
    {
        _queues = [_urgent, _queue];
        _thread = new Thread(Run) { IsBackground = true, Name = $"infer:{name}" };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="work"/>; the task completes (off the worker thread) with its result and timings.</summary>
    /// <param name="work">What to run on the worker thread.</param>
    /// <param name="onStart">Called on the worker thread just before the work starts.</param>
    /// <param name="cancellation">Work cancelled before it starts is dropped (the task is cancelled); once started, it runs to the end.</param>
    /// <param name="urgent">Runs before any queued work that is not urgent: short work another device waits on.</param>
    public Task<Timed<T>> RunAsync<T>(Func<T> work, Action? onStart = null, CancellationToken cancellation = default, bool urgent = false)
    {
        var completion = new TaskCompletionSource<Timed<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queuedAt = Stopwatch.GetTimestamp();
        (urgent ? _urgent : _queue).Add(() =>
        {
            if (cancellation.IsCancellationRequested)
            {
                completion.SetCanceled(cancellation);
                return;
            }

            onStart?.Invoke();
            var startedAt = Stopwatch.GetTimestamp();
            try
            {
                var value = work();
                completion.SetResult(new Timed<T>(
                    value,
                    Stopwatch.GetElapsedTime(queuedAt, startedAt).TotalMilliseconds,
                    Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds));
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return completion.Task;
    }

    /// <summary>Lets queued work finish, then stops the thread.</summary>
    public void Dispose()
    {
        _urgent.CompleteAdding();
        _queue.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(10));
        _urgent.Dispose();
        _queue.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            Action work;
            try
            {
                // Takes from the first queue that has work: urgent before the rest.
                BlockingCollection<Action>.TakeFromAny(_queues, out work!);
            }
            catch (ArgumentException)
            {
                // Both queues are complete and empty: the worker is disposed.
                return;
            }

            work();
        }
    }
}
