namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// One copy of a stage sent to one device (through a trusted encryptor first, for an untrusted device). A stage
/// may have several copies when the first straggles; the first answer wins.
/// </summary>
internal sealed class StageCopy(DeviceProfile target, bool isBackup, long answerBy = 0)
{
    // Completed by the copy's watch on the job's own thread; the stage that waits on it goes on right there, in order,
    // rather than from the thread pool, where it would race the job's clock.
    private readonly TaskCompletionSource _late = new();
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The device that runs the stage.</summary>
    public DeviceProfile Target { get; } = target;

    /// <summary>True for a backup copy sent because an earlier one straggled.</summary>
    public bool IsBackup { get; } = isBackup;

    /// <summary>When the copy's answer is wanted by (a timestamp of the job's clock); 0: no deadline.</summary>
    public long AnswerBy { get; } = answerBy;

    /// <summary>The copy ended unanswered because its answer could no longer come by <see cref="AnswerBy"/>: no device's fault.</summary>
    public bool Expired { get; set; }

    /// <summary>The copy's device dropped its work unrun, being too busy to answer in time (rather than the link being too slow).</summary>
    public bool DroppedByDevice { get; set; }

    /// <summary>The copy's answer: null when it failed, was not sent, or was cancelled. Set once the copy is sent.</summary>
    public Task<InferenceResult?> Answer { get; set; } = Task.FromResult<InferenceResult?>(null);

    /// <summary>Completes when one of the copy's devices passed its time-out (the copy may still answer).</summary>
    public Task Late => _late.Task;

    public bool IsLate => _late.Task.IsCompleted;

    /// <summary>The device that went late.</summary>
    public string? LateDevice { get; private set; }

    /// <summary>The device at fault when the copy failed (the target, or the device that encrypted for it); null when none was.</summary>
    public string? FailedDevice { get; set; }

    /// <summary>Why the copy failed, in words.</summary>
    public string? FailureReason { get; set; }

    /// <summary>True once the copy's work left for its target (it may cost the device work even if it loses).</summary>
    public bool Sent { get; set; }

    /// <summary>Images in the copy's work.</summary>
    public int Images { get; set; }

    /// <summary>An error that is not a device's failure (a model that would not load, bad input); null for device failures.</summary>
    public Exception? Error { get; set; }

    /// <summary>
    /// The copy's features were held back before they left: while they waited for the device, the job moved its cut
    /// (they are encrypted again at the new one rather than sent over a link they no longer suit).
    /// </summary>
    public bool CutMoved { get; set; }

    /// <summary>The copy was never sent: its device was suspected while the copy waited for it.</summary>
    public bool Skipped { get; set; }

    /// <summary>Cancelled once its stage no longer needs it: work not yet started at the device is dropped.</summary>
    public CancellationToken Cancellation => _cancellation.Token;

    public bool IsCancelled => _cancellation.IsCancellationRequested;

    public void MarkLate(string device)
    {
        LateDevice ??= device;
        _late.TrySetResult();
    }

    public void Cancel() => _cancellation.Cancel();
}
