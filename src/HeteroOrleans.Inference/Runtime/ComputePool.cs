using System.Collections.Concurrent;
using System.Diagnostics;

namespace HeteroOrleans.Inference.Runtime;

/// <summary>
/// A machine's cores for inference: as many threads as it has cores (or as its CPU quota allows), shared by every
/// device that computes for real in the process, each running one piece of work at a time in arrival order, urgent
/// work first. ONNX Runtime calls block; running them here keeps them off the Orleans scheduler threads.
/// </summary>
/// <remarks>
/// Devices that share a machine share its cores: with a thread per device, thirteen devices on two cores would each
/// run at a sixth of their speed, switching between one another's batches, and every device would look six times
/// slower than it is. Here a batch runs at the machine's speed once a core is free; what the sharing costs shows as
/// time queued, which the schedulers see as answers that come late, not as slow devices.
/// </remarks>
public sealed class ComputePool : IDisposable
{
    private static readonly Lazy<ComputePool> Shared = new(() => new ComputePool(Environment.ProcessorCount, "infer"));

    private readonly BlockingCollection<Action> _urgent = new();
    private readonly BlockingCollection<Action> _queue = new();
    private readonly BlockingCollection<Action>[] _queues;
    private readonly Thread[] _threads;

    /// <summary>Starts <paramref name="threads"/> worker threads named after <paramref name="name"/>.</summary>
    public ComputePool(int threads, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _queues = [_urgent, _queue];
        _threads = [.. Enumerable.Range(0, threads).Select(i => new Thread(Run) { IsBackground = true, Name = $"{name}:{i}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>
    /// The process's pool: one thread per core it may use (<see cref="Environment.ProcessorCount"/> follows a
    /// container's CPU quota). Every silo in the process shares it, as devices on one machine share its cores.
    /// </summary>
    public static ComputePool Machine => Shared.Value;

    /// <summary>Pieces of work that may run at once.</summary>
    public int Threads => _threads.Length;

    /// <summary>Pieces of work queued and not yet started.</summary>
    public int Queued => _urgent.Count + _queue.Count;

    /// <summary>Queues <paramref name="work"/>; the task completes (off the pool's threads) with its result and timings.</summary>
    /// <param name="work">What to run on a pool thread.</param>
    /// <param name="onStart">Called on the pool thread just before the work starts.</param>
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

    /// <summary>Lets queued work finish, then stops the threads.</summary>
    public void Dispose()
    {
        _urgent.CompleteAdding();
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(10));
        }

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
                // Both queues are complete and empty: the pool is disposed.
                return;
            }

            work();
        }
    }
}
