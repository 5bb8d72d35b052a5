using System.Diagnostics;
using HeteroOrleans.Inference.Runtime;

namespace HeteroOrleans.Grains.Devices;

/// <summary>
/// A device's queue of classifications from any callers (requests, streams, jobs), run as few ONNX Runtime batches as
/// the device's cores allow: work that arrives while the device's earlier batch waits for a core joins it, up to
/// <c>maxBatch</c> images, high priority first. So at light load a piece of work runs alone and at once (or after at most
/// <c>maxQueueDelay</c>, when one is set), and under load batches grow with the queue until one run carries the lot:
/// the batch follows the load without a model of it.
/// </summary>
/// <remarks>
/// At most one run waits for a core at a time; it takes its work when it starts, not when it was queued. Work cancelled
/// while it waits (its caller gave up, its deadline passed: Orleans cancels the grain call) is dropped at once and never
/// runs; so is work that would finish, at the device's recent pace (<c>msPerImage</c>: its meter's), after its caller's <see cref="BatchInput.AnswerWithinMs"/>
/// (<see cref="WorkExpiredException"/>): under overload the device's time goes to answers that can still be of use.
/// </remarks>
internal sealed class DeviceBatcher(
    int maxBatch, TimeSpan maxQueueDelay, Func<Func<int>, Func<double?>, Task<Timed<int>>> run, Func<double> msPerImage, bool exactPace = false,
    TimeProvider? time = null)
{
    private readonly Lock _gate = new();
    private readonly List<QueuedWork> _high = [];
    private readonly List<QueuedWork> _normal = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    // A run on cores that other devices' runs share can take twice the device's recent pace: work is dropped only when
    // even that would answer in time no longer, for an answer computed and then late is the device's time wasted twice.
    // An emulated device's pace is exact (exactPace): an allowance there would only drop work that comes in time.
    private const double SharedCoresAllowance = 2;
    private readonly double _runAllowance = exactPace ? 1 : SharedCoresAllowance;
    private int _queuedImages;
    private bool _runWaiting;
    private TaskCompletionSource? _filled;

    /// <summary>
    /// Queues <paramref name="input"/>; the task completes with its share of the batch it ran in, or is cancelled when
    /// <paramref name="cancellation"/> comes first. <paramref name="onStart"/> is called as its batch starts.
    /// </summary>
    public Task<BatchShare> AddAsync(BatchInput input, bool high, Action onStart, CancellationToken cancellation)
    {
        var answerBy = input.AnswerWithinMs > 0 ? _time.GetTimestamp() + (long)(input.AnswerWithinMs * _time.TimestampFrequency / 1000) : 0;
        var waiting = new QueuedWork(input, onStart, Stopwatch.GetTimestamp(), answerBy);
        if (cancellation.IsCancellationRequested)
        {
            return Task.FromCanceled<BatchShare>(cancellation);
        }

        bool dispatch;
        var delay = false;
        lock (_gate)
        {
            (high ? _high : _normal).Add(waiting);
            _queuedImages += input.Count;
            dispatch = !_runWaiting;
            if (dispatch)
            {
                _runWaiting = true;
                delay = maxQueueDelay > TimeSpan.Zero && _queuedImages < maxBatch;
                _filled = delay ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
            }
            else if (_queuedImages >= maxBatch)
            {
                _filled?.TrySetResult();
            }
        }

        // The caller gave up: its work leaves the queue now rather than when a run would skip it.
        waiting.Registration = cancellation.Register(() => waiting.Completion.TrySetCanceled(cancellation));
        if (dispatch)
        {
            _ = delay ? DispatchAfterDelayAsync(_filled!.Task) : Dispatch();
        }

        return waiting.Completion.Task;
    }

    // A lone piece waits at most the queue delay for company; a full batch goes at once.
    private async Task DispatchAfterDelayAsync(Task filled)
    {
        await Task.WhenAny(filled, Task.Delay(maxQueueDelay, _time)).ConfigureAwait(false);
        await Dispatch().ConfigureAwait(false);
    }

    private async Task Dispatch()
    {
        BatchRun? batch = null;
        Task<Timed<int>> running;
        try
        {
            running = run(() => (batch = Take()).Images, () => batch is { Items.Count: > 0 } b ? b.Items[0].Input.EmulatedMs(b.Images) : 0);
        }
        catch (Exception e)
        {
            running = Task.FromException<Timed<int>>(e);
        }

        try
        {
            var timed = await running.ConfigureAwait(false);
            batch!.Complete(timed.RunMs);
        }
        catch (Exception e)
        {
            if (batch is null)
            {
                // The run never started (the device is going away): nothing will take the queued work.
                FailQueued(e);
            }
            else
            {
                batch.Fail(e);
            }
        }
    }

    // On the compute thread, as the run starts: the oldest live work of the highest priority, and all that may join it.
    private BatchRun Take()
    {
        var (taken, expired) = (new List<QueuedWork>(), new List<QueuedWork>());
        var images = 0;
        bool again;
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            _runWaiting = false;
            _filled = null;
            string? kind = null;
            foreach (var queue in new[] { _high, _normal })
            {
                for (var i = 0; i < queue.Count; i++)
                {
                    var next = queue[i];
                    if (next.Completion.Task.IsCompleted)
                    {
                        _queuedImages -= next.Input.Count;
                        queue.RemoveAt(i--);
                        continue;
                    }

                    var joins = (kind is null || next.Input.Kind == kind) && (taken.Count == 0 || images + next.Input.Count <= maxBatch);
                    if (TooLate(next, joins ? images + next.Input.Count : next.Input.Count, now))
                    {
                        _queuedImages -= next.Input.Count;
                        queue.RemoveAt(i--);
                        expired.Add(next);
                        continue;
                    }

                    if (joins)
                    {
                        kind = next.Input.Kind;
                        taken.Add(next);
                        images += next.Input.Count;
                        _queuedImages -= next.Input.Count;
                        queue.RemoveAt(i--);
                    }
                }
            }

            again = _high.Count + _normal.Count > 0;
            _runWaiting = again;
        }

        foreach (var late in expired)
        {
            late.Fail(new WorkExpiredException(Stopwatch.GetElapsedTime(late.ArrivedAt).TotalMilliseconds, late.Input.AnswerWithinMs));
        }

        if (again)
        {
            // Work left behind (another kind, or past the batch's size) has its own run waiting for a core.
            _ = Dispatch();
        }

        var batch = new BatchRun(taken, images);
        batch.Run();
        return batch;
    }

    // Work whose answer, run now in a batch of batchImages at the device's recent pace (with its allowance), would come
    // after its caller's limit. Before the first run the pace is unknown: only work already past its limit is dropped.
    private bool TooLate(QueuedWork work, int batchImages, long now) =>
        work.AnswerBy != 0 && now + (long)(_runAllowance * msPerImage() * batchImages * _time.TimestampFrequency / 1000) > work.AnswerBy;

    private void FailQueued(Exception error)
    {
        List<QueuedWork> dropped;
        lock (_gate)
        {
            dropped = [.. _high, .. _normal];
            _high.Clear();
            _normal.Clear();
            (_queuedImages, _runWaiting) = (0, false);
        }

        foreach (var waiting in dropped)
        {
            waiting.Fail(error);
        }
    }
}
