using System.Diagnostics;
using HeteroOrleans.Grains.Jobs;
using HeteroOrleans.Grains.Tracing;

namespace HeteroOrleans.Grains.Serving;

/// <summary>
/// Forms the service's requests into batches, as Triton's dynamic batcher does: while requests arrive closer together
/// than <see cref="ServingOptions.MaxQueueDelay"/>, a request waits at most that long for others to join it; while no
/// device of the plan has room, requests queue (high priority first); a batch goes as soon as it holds
/// <see cref="ServingOptions.MaxBatch"/> images. So a light stream waits for no one, and under load batches grow until
/// one link round trip and one ONNX Runtime run carry many requests.
/// </summary>
internal sealed class RequestBatcher : ICoarseAnswers
{
    // The share of a deadline the coarse answer may take before the service counts itself congested: the coarse answer
    // is the one a late fine answer falls back on, so its wait is what must stay short.
    private const double CoarseShare = 0.1;
    private readonly Queue<PendingRequest> _high = new();
    private readonly Queue<PendingRequest> _normal = new();
    private readonly Dictionary<int, RequestBatch> _running = [];
    private readonly int _maxBatch;
    private readonly TimeSpan _maxQueueDelay;
    private readonly TimeProvider _time;
    private readonly IBatchObserver _observer;
    private readonly CancellationToken _ending;
    private int _queuedImages;
    private int _next;
    private bool _timerSet;
    private long _lastArrival;
    private double _arrivalGapMs = double.PositiveInfinity;

    /// <summary>
    /// A batcher over the pipeline <paramref name="compose"/> builds, which hears each batch's coarse answer here; it tells
    /// <paramref name="observer"/> how fast each batch came back.
    /// </summary>
    public RequestBatcher(
        Func<ICoarseAnswers, TaskPipeline> compose, ServingOptions options, TimeProvider time, IBatchObserver observer, CancellationToken ending)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        (_maxBatch, _maxQueueDelay, _time, _observer, _ending) = (options.MaxBatch, options.MaxQueueDelay, time, observer, ending);
        Pipeline = compose(this);
    }

    /// <summary>The pipeline the batches run through.</summary>
    public TaskPipeline Pipeline { get; }

    /// <summary>Requests queued for a batch.</summary>
    public int Queued => _high.Count + _normal.Count;

    /// <summary>Batches sent and not yet ended.</summary>
    public int Running => _running.Count;

    /// <summary>Batches sent and the images they carried, since the service started.</summary>
    public (long Batches, long Images) Sent { get; private set; }

    /// <summary>Queues <paramref name="request"/> and sends what the devices have room for.</summary>
    public void Enqueue(PendingRequest request)
    {
        request.QueuedAt = _time.GetTimestamp();
        if (_lastArrival != 0)
        {
            // Recent arrivals weigh most: a burst makes requests wait for company at once, a lull stops it as fast.
            var gapMs = _time.GetElapsedTime(_lastArrival, request.QueuedAt).TotalMilliseconds;
            _arrivalGapMs = double.IsInfinity(_arrivalGapMs) ? gapMs : (0.8 * _arrivalGapMs) + (0.2 * gapMs);
        }

        _lastArrival = request.QueuedAt;
        (request.Priority == RequestPriority.High ? _high : _normal).Enqueue(request);
        _queuedImages += request.Count;
        HeteroMetrics.ServeQueue.Add(1);
        Pump();
    }

    /// <inheritdoc />
    public void Answered(ImageTask task, InferenceResult coarse)
    {
        if (_running.TryGetValue(task.TaskIndex, out var batch))
        {
            batch.Answer(coarse);
            _observer.CoarseWaited(_time.GetElapsedTime(batch.OldestQueuedAt).TotalMilliseconds, batch.ShortestDeadline.TotalMilliseconds * CoarseShare);
        }

        // The coarse stage's device has room again.
        Pump();
    }

    /// <summary>
    /// Sends batches: a full one at once; a partial one, if a device has room (the scheme holds no stage waiting for one),
    /// once its oldest request has waited the queue delay, or at once when requests come further apart than that.
    /// Requests that ended while queued are dropped.
    /// </summary>
    public void Pump()
    {
        while (!_ending.IsCancellationRequested && Oldest() is { } oldest)
        {
            if (_queuedImages < _maxBatch)
            {
                if (Pipeline.Scheme.Waiting > 0)
                {
                    return;
                }

                var waited = _time.GetElapsedTime(oldest.QueuedAt);
                if (waited < _maxQueueDelay && _arrivalGapMs < _maxQueueDelay.TotalMilliseconds)
                {
                    _ = WakeAsync(_maxQueueDelay - waited);
                    return;
                }
            }

            var requests = Take();
            if (requests.Count > 0)
            {
                Send(requests);
            }
        }
    }

    // The request queued longest (high priority goes first, so its head counts), past those that ended while queued.
    private PendingRequest? Oldest()
    {
        foreach (var queue in new[] { _high, _normal })
        {
            while (queue.TryPeek(out var head) && head.Ended)
            {
                Dequeued(queue);
            }
        }

        return (_high.TryPeek(out var high), _normal.TryPeek(out var normal)) switch
        {
            (true, true) => high!.QueuedAt <= normal!.QueuedAt ? high : normal,
            (true, false) => high,
            (false, true) => normal,
            _ => null,
        };
    }

    // Looks at the queue again once its oldest request has waited the queue delay; one wake-up pending at a time.
    private async Task WakeAsync(TimeSpan delay)
    {
        if (_timerSet)
        {
            return;
        }

        _timerSet = true;
        try
        {
            await Task.Delay(delay, _time, _ending);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            _timerSet = false;
        }

        Pump();
    }

    private PendingRequest Dequeued(Queue<PendingRequest> queue)
    {
        var request = queue.Dequeue();
        _queuedImages -= request.Count;
        HeteroMetrics.ServeQueue.Add(-1);
        return request;
    }

    // Requests for the next batch: high priority first, in arrival order, up to the batch's images (a request larger
    // than a batch goes alone).
    private List<PendingRequest> Take()
    {
        var (taken, images) = (new List<PendingRequest>(), 0);
        foreach (var queue in new[] { _high, _normal })
        {
            while (queue.TryPeek(out var next) && (taken.Count == 0 || images + next.Count <= _maxBatch))
            {
                Dequeued(queue);
                if (!next.Ended)
                {
                    taken.Add(next);
                    images += next.Count;
                }
            }
        }

        return taken;
    }

    private void Send(List<PendingRequest> requests)
    {
        var index = _next;
        _next = _next == int.MaxValue ? 0 : _next + 1;
        var batch = new RequestBatch(index, requests, _time.GetUtcNow(), _ending);
        _running[index] = batch;
        Sent = (Sent.Batches + 1, Sent.Images + batch.Task.Count);
        HeteroMetrics.ServeBatchSize.Record(batch.Task.Count);
        _ = RunAsync(batch);
    }

    private async Task RunAsync(RequestBatch batch)
    {
        var sentAt = _time.GetTimestamp();
        TaskResult result = default;

        // The task's steps are logged for its requests' split of their time; a batch that carries a sampled request has a
        // span of its own, linked to each such request.
        StepLog.Current = batch.Steps;
        var sampled = batch.SampledRequests.ToList();
        var ambient = Activity.Current;
        using var span = sampled.Count == 0 ? null : HeteroTracing.Source.StartActivity(
            "serve batch", ActivityKind.Internal, sampled[0], [new("hetero.requests", batch.Requests), new("hetero.images", batch.Task.Count)],
            sampled.Select(c => new ActivityLink(c)));

        // The batch's span is not made ambient: the pipeline's work outlives a batch (loops it starts keep the flow they
        // began in), and a span left ambient there would be the parent of whatever starts in it later.
        Activity.Current = ambient;
        try
        {
            result = await Pipeline.Tasks.RunAsync(batch.Task, batch.Stopping, batch.AnswerBy(_time, _observer.ReplyMargin));
        }
        catch (OperationCanceledException)
        {
            // No request of the batch waits any more, or the service stops.
        }
        finally
        {
            _running.Remove(batch.Task.TaskIndex);

            // A batch cut short at its requests' deadlines would have taken at least the deadline: its requests may have
            // queued before it was sent, so the time since then says less. Cut short before (its callers gave up), it
            // tells nothing of a pass; nor does one whose stage a device gave up, but that is counted (DroppedLate).
            var passMs = _time.GetElapsedTime(sentAt).TotalMilliseconds;
            var cutShort = batch.Stopping.IsCancellationRequested;
            var atDeadline = cutShort && _time.GetTimestamp() >= batch.FirstAnswerBy(_time, _observer.ReplyMargin);
            batch.Complete(result);
            if (result.Done || atDeadline)
            {
                var deadlineMs = batch.ShortestDeadline.TotalMilliseconds;
                _observer.Passed(result.Done ? passMs : Math.Max(passMs, deadlineMs), batch.Requests, deadlineMs, sentAt);
            }
            else if (result.Late)
            {
                _observer.DroppedLate(passMs, batch.Requests, batch.ShortestDeadline.TotalMilliseconds, sentAt);
            }

            Pump();
        }
    }
}
