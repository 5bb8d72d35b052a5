using HeteroOrleans.Inference.Runtime;

namespace HeteroOrleans.Inference.Emulation;

/// <summary>
/// An emulated device's compute unit: one piece of work at a time, in arrival order, urgent work first, each keeping
/// the device busy for the time the device's profile gives it. It owns no thread and holds none while it waits, so a
/// silo can host thousands of emulated devices: the answer is computed on the thread pool (from cached predictions, or
/// by the real model the first time), and the rest of the busy time is a timer.
/// </summary>
/// <remarks>
/// Each piece starts when the one before it was due to end, not when its timer happened to fire, so that timer delays
/// on a loaded machine do not add up into a slower device. For the same reason a piece that comes to an idle device
/// starts as early as the last answer's lateness allows: a caller that sends one piece at a time (the paper's lanes)
/// sends the next only once the answer is back, and an answer a timer delivered 3 ms late would otherwise leave a real
/// device idle 3 ms per piece, some 3 % of a 100 ms piece, that no real device spends.
/// </remarks>
public sealed class EmulatedWorker(TimeProvider? time = null) : IDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Queue<Piece> _urgent = new();
    private readonly Queue<Piece> _queue = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private long _freeAt;

    // How long after its due time the last answer was given (timers and the thread pool are late on a loaded machine).
    private long _answerLag;
    private bool _running;

    /// <summary>
    /// Queues <paramref name="work"/>; the task completes with its result once the device has been busy with it for
    /// <paramref name="busy"/> of the time the work itself took (never less than that time).
    /// </summary>
    /// <param name="work">Computes the answer; runs on the thread pool.</param>
    /// <param name="busy">How long the device is busy, given how long <paramref name="work"/> took.</param>
    /// <param name="onStart">Called just before the work starts.</param>
    /// <param name="cancellation">Work cancelled before it starts is dropped (the task is cancelled); once started, it runs to the end.</param>
    /// <param name="urgent">Runs before any queued work that is not urgent: short work another device waits on.</param>
    public Task<Timed<T>> RunAsync<T>(Func<T> work, Func<TimeSpan, TimeSpan> busy, Action? onStart = null, CancellationToken cancellation = default, bool urgent = false)
    {
        var completion = new TaskCompletionSource<Timed<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queuedAt = _time.GetTimestamp();
        var piece = new Piece(() => RunOneAsync(work, busy, onStart, cancellation, queuedAt, completion), () => completion.TrySetCanceled());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            (urgent ? _urgent : _queue).Enqueue(piece);
            if (_running)
            {
                return completion.Task;
            }

            _running = true;
        }

        Next();
        return completion.Task;
    }

    /// <summary>Drops queued work (its tasks are cancelled); work already started ends as it would.</summary>
    public void Dispose()
    {
        List<Piece> dropped;
        lock (_gate)
        {
            _disposed.Cancel();
            dropped = [.. _urgent, .. _queue];
            _urgent.Clear();
            _queue.Clear();
        }

        foreach (var piece in dropped)
        {
            piece.Drop();
        }
    }

    // Starts the next piece, urgent first, or stops when there is none.
    private void Next()
    {
        Piece? next;
        lock (_gate)
        {
            if (!_urgent.TryDequeue(out next) && !_queue.TryDequeue(out next))
            {
                _running = false;
                return;
            }
        }

        _ = next.Run();
    }

    private async Task RunOneAsync<T>(
        Func<T> work, Func<TimeSpan, TimeSpan> busy, Action? onStart, CancellationToken cancellation, long queuedAt, TaskCompletionSource<Timed<T>> completion)
    {
        try
        {
            if (cancellation.IsCancellationRequested || _disposed.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellation.IsCancellationRequested ? cancellation : _disposed.Token);
                return;
            }

            var start = Math.Max(queuedAt - _answerLag, _freeAt);
            onStart?.Invoke();
            var computing = _time.GetTimestamp();
            var value = await Task.Run(work).ConfigureAwait(false);
            var took = _time.GetElapsedTime(computing);
            var runFor = TimeSpan.FromTicks(Math.Max(took.Ticks, busy(took).Ticks));
            _freeAt = start + (long)(runFor.TotalSeconds * _time.TimestampFrequency);
            TimeSpan remaining;
            while ((remaining = _time.GetElapsedTime(_time.GetTimestamp(), _freeAt)) > TimeSpan.Zero)
            {
                // Timers round to whole milliseconds: round up, so that the device is never done early.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)), _time).ConfigureAwait(false);
            }

            _answerLag = Math.Max(0, _time.GetTimestamp() - _freeAt);
            completion.TrySetResult(new Timed<T>(value, Math.Max(0, _time.GetElapsedTime(queuedAt, start).TotalMilliseconds), runFor.TotalMilliseconds));
        }
        catch (Exception e)
        {
            (_freeAt, _answerLag) = (_time.GetTimestamp(), 0);
            completion.TrySetException(e);
        }
        finally
        {
            Next();
        }
    }

    private sealed record Piece(Func<Task> Run, Action Drop);
}
