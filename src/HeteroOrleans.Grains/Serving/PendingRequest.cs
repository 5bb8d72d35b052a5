using HeteroOrleans.Grains.Jobs;

namespace HeteroOrleans.Grains.Serving;

/// <summary>
/// One admitted request on its way through the service: queued until a batch takes it, then its share of the batch's
/// coarse answer (as soon as the end device gives it) and of the batch's result.
/// </summary>
internal sealed class PendingRequest(byte[] pixels, RequestPriority priority, TimeSpan deadline)
{
    private readonly TaskCompletionSource<InferenceResult> _coarse = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TaskResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The request's images in CIFAR layout.</summary>
    public byte[] Pixels { get; } = pixels;

    /// <summary>Images in the request.</summary>
    public int Count { get; } = pixels.Length / ServeRequest.ImageBytes;

    /// <summary>The request's class: high priority goes into batches first.</summary>
    public RequestPriority Priority { get; } = priority;

    /// <summary>How long after it was taken in the request wants its answer.</summary>
    public TimeSpan Deadline { get; } = deadline;

    /// <summary>The request's coarse answers, once its batch's end device gave them.</summary>
    public Task<InferenceResult> Coarse => _coarse.Task;

    /// <summary>The request's share of its batch's result (coarse and fine answers, or neither when the batch was lost).</summary>
    public Task<TaskResult> Result => _result.Task;

    /// <summary>True once the request was answered, refused or cancelled: a batch need not run for it any more.</summary>
    public bool Ended { get; private set; }

    /// <summary>When the request was queued (a timestamp of the service's clock).</summary>
    public long QueuedAt { get; set; }

    /// <summary>The request's span when it is sampled: its batch's span links to it. Default when it is not.</summary>
    public System.Diagnostics.ActivityContext Trace { get; init; }

    /// <summary>The batch that carries the request; null while it is queued.</summary>
    public RequestBatch? Batch { get; set; }

    /// <summary>Hands the request its coarse answers.</summary>
    public void Answer(InferenceResult coarse) => _coarse.TrySetResult(coarse);

    /// <summary>Hands the request its share of the batch's result.</summary>
    public void Complete(TaskResult result) => _result.TrySetResult(result);

    /// <summary>Marks the request ended; its batch's work is cancelled once no request in it waits.</summary>
    public void End()
    {
        Ended = true;
        _coarse.TrySetCanceled();
        _result.TrySetCanceled();
        Batch?.MemberEnded();
    }
}
