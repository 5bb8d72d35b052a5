using HeteroOrleans.Grains.Jobs;

namespace HeteroOrleans.Grains.Serving;

/// <summary>
/// Requests that travel as one task: their images one after another, so that a link carries them in one call and a
/// device classifies them in one ONNX Runtime run. Each request gets its own slice of the answers.
/// </summary>
internal sealed class RequestBatch
{
    private readonly List<(PendingRequest Request, int Offset)> _members = [];
    private readonly CancellationTokenSource _stop;
    private int _waiting;

    /// <summary>
    /// A batch of <paramref name="requests"/> sent at <paramref name="dispatchedAt"/>, whose work stops when
    /// <paramref name="ending"/> does or no request waits.
    /// </summary>
    public RequestBatch(int index, IReadOnlyList<PendingRequest> requests, DateTimeOffset dispatchedAt, CancellationToken ending)
    {
        DispatchedAt = dispatchedAt;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ending);
        var images = requests.Sum(r => r.Count);
        var pixels = new byte[images * ServeRequest.ImageBytes];
        var offset = 0;
        foreach (var request in requests)
        {
            request.Pixels.CopyTo(pixels, offset * ServeRequest.ImageBytes);
            _members.Add((request, offset));
            request.Batch = this;
            offset += request.Count;
        }

        _waiting = requests.Count;
        // A batch that carries a high-priority request goes ahead at the devices: it holds few others (high goes first).
        var priority = requests.Any(r => r.Priority == RequestPriority.High) ? RequestPriority.High : RequestPriority.Normal;
        Task = new ImageTask(index, 0, pixels, new byte[images], new byte[images], priority);
    }

    /// <summary>When the batch was sent.</summary>
    public DateTimeOffset DispatchedAt { get; }

    /// <summary>The steps its task took, for each request's split of its time and its trace.</summary>
    public Grains.Tracing.StepLog Steps { get; } = new();

    /// <summary>The spans of its sampled requests.</summary>
    public IEnumerable<System.Diagnostics.ActivityContext> SampledRequests =>
        _members.Select(m => m.Request.Trace).Where(c => c != default);

    /// <summary>When the batch's oldest request was queued (a timestamp).</summary>
    public long OldestQueuedAt => _members.Min(m => m.Request.QueuedAt);

    /// <summary>
    /// When the batch's answers stop being of use (a timestamp): when the service answers the request of it that waits
    /// longest, each at its deadline from when it was queued less <paramref name="margin"/>'s way back.
    /// </summary>
    public long AnswerBy(TimeProvider time, Func<TimeSpan, TimeSpan> margin) =>
        _members.Max(m => m.Request.QueuedAt + (long)((m.Request.Deadline - margin(m.Request.Deadline)).TotalSeconds * time.TimestampFrequency));

    /// <summary>When the service answers the first of the batch's requests at its deadline (a timestamp), as <see cref="AnswerBy"/>.</summary>
    public long FirstAnswerBy(TimeProvider time, Func<TimeSpan, TimeSpan> margin) =>
        _members.Min(m => m.Request.QueuedAt + (long)((m.Request.Deadline - margin(m.Request.Deadline)).TotalSeconds * time.TimestampFrequency));

    /// <summary>The shortest deadline of the batch's requests.</summary>
    public TimeSpan ShortestDeadline => _members.Min(m => m.Request.Deadline);

    /// <summary>Requests in the batch.</summary>
    public int Requests => _members.Count;

    /// <summary>The task that carries the batch's images.</summary>
    public ImageTask Task { get; }

    /// <summary>Cancelled once every request of the batch ended (its fine work is then wanted by no one).</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Hands each request its slice of the batch's coarse answers.</summary>
    public void Answer(InferenceResult coarse)
    {
        foreach (var (request, offset) in _members)
        {
            request.Answer(Slice(coarse, offset, request.Count));
        }
    }

    /// <summary>Hands each request its slice of the batch's result, and frees what the batch holds.</summary>
    public void Complete(TaskResult result)
    {
        foreach (var (request, offset) in _members)
        {
            request.Complete(new TaskResult(
                result.Coarse is { } coarse ? Slice(coarse, offset, request.Count) : null,
                result.Fine is { } fine ? Slice(fine, offset, request.Count) : null,
                result.Done,
                result.Deferred)
            { Late = result.Late });
        }

        _stop.Dispose();
    }

    /// <summary>One request of the batch ended; once none waits, the batch's remaining work is cancelled.</summary>
    public void MemberEnded()
    {
        if (--_waiting == 0)
        {
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The batch had already completed: nothing of it runs any more.
            }
        }
    }

    // The answers of the images from offset on; a result covering fewer images (a fine stage of escalated images only)
    // gives what it has.
    private static InferenceResult Slice(InferenceResult result, int offset, int count)
    {
        var (from, to) = (Math.Min(offset, result.Labels.Length), Math.Min(offset + count, result.Labels.Length));
        return result with { Labels = result.Labels[from..to], Confidences = result.Confidences[from..to] };
    }
}
