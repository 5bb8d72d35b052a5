using HeteroOrleans.Grains.Jobs;

namespace HeteroOrleans.Grains.Serving;

/// <summary>
/// Forms the service's requests into batches, as Triton's dynamic batcher does: while a device of the plan has room a
/// request goes at once, alone or with whatever else is queued; while none has, requests queue (high priority first)
/// and the next batch takes as many as fit in <see cref="ServingOptions.MaxBatch"/> images. So a light stream pays
/// no wait, and under load batches grow until one link round trip and one ONNX Runtime run carry many requests.
/// </summary>
internal sealed class RequestBatcher : ICoarseAnswers
{
    private readonly Queue<PendingRequest> _high = new();
    private readonly Queue<PendingRequest> _normal = new();
    private readonly Dictionary<int, RequestBatch> _running = [];
    private readonly int _maxBatch;
    private readonly CancellationToken _ending;
    private int _queuedImages;
    private int _next;

    /// <summary>A batcher over the pipeline <paramref name="compose"/> builds, which hears each batch's coarse answer here.</summary>
    public RequestBatcher(Func<ICoarseAnswers, TaskPipeline> compose, int maxBatch, CancellationToken ending)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        (_maxBatch, _ending) = (maxBatch, ending);
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
        (request.Priority == RequestPriority.High ? _high : _normal).Enqueue(request);
        _queuedImages += request.Count;
        Pump();
    }

    /// <inheritdoc />
    public void Answered(ImageTask task, InferenceResult coarse)
    {
        if (_running.TryGetValue(task.TaskIndex, out var batch))
        {
            batch.Answer(coarse);
        }

        // The coarse stage's device has room again.
        Pump();
    }

    /// <summary>
    /// Sends batches while a device has room (the scheme holds no stage waiting for one), or while a full batch is
    /// queued; requests that ended while queued are dropped.
    /// </summary>
    public void Pump()
    {
        while (Queued > 0 && !_ending.IsCancellationRequested && (Pipeline.Scheme.Waiting == 0 || _queuedImages >= _maxBatch))
        {
            var requests = Take();
            if (requests.Count > 0)
            {
                Send(requests);
            }
        }
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
                queue.Dequeue();
                _queuedImages -= next.Count;
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
        var batch = new RequestBatch(index, requests, _ending);
        _running[index] = batch;
        Sent = (Sent.Batches + 1, Sent.Images + batch.Task.Count);
        HeteroMetrics.ServeBatchSize.Record(batch.Task.Count);
        _ = RunAsync(batch);
    }

    private async Task RunAsync(RequestBatch batch)
    {
        TaskResult result = default;
        try
        {
            result = await Pipeline.Tasks.RunAsync(batch.Task, batch.Stopping);
        }
        catch (OperationCanceledException)
        {
            // No request of the batch waits any more, or the service stops.
        }
        finally
        {
            _running.Remove(batch.Task.TaskIndex);
            batch.Complete(result);
            Pump();
        }
    }
}
