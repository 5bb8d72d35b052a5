namespace HeteroOrleans.Grains.Devices;

/// <summary>One caller's work waiting at a device's batcher, and how its caller hears the answer.</summary>
internal sealed class QueuedWork(BatchInput input, Action onStart, long arrivedAt, long answerBy = 0)
{
    /// <summary>The work.</summary>
    public BatchInput Input { get; } = input;

    /// <summary>Called as the work's batch starts.</summary>
    public Action OnStart { get; } = onStart;

    /// <summary>When the work arrived (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long ArrivedAt { get; } = arrivedAt;

    /// <summary>When the answer stops being of use (a timestamp of the batcher's clock); 0: never.</summary>
    public long AnswerBy { get; } = answerBy;

    /// <summary>Completes with the caller's share of the batch, or with why there is none.</summary>
    public TaskCompletionSource<BatchShare> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the wait when the caller gives up.</summary>
    public CancellationTokenRegistration Registration { get; set; }

    /// <summary>Ends the work without an answer.</summary>
    public void Fail(Exception error)
    {
        Registration.Dispose();
        _ = error is OperationCanceledException ? Completion.TrySetCanceled() : Completion.TrySetException(error);
    }
}
