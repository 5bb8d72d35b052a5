namespace HeteroOrleans.Contracts.Devices;

/// <summary>
/// The compute contract shared by every device, whatever its tier. Keyed by device id.
/// A device classifies one batch at a time; further batches wait in its queue.
/// </summary>
public interface IComputeDeviceGrain : IGrainWithStringKey
{
    /// <summary>Classifies a batch of raw pixels with the device's model. An untrusted device refuses raw pixels.</summary>
    /// <param name="batch">The images.</param>
    /// <param name="cancellation">Cancelled by a caller that no longer needs the answer: work not yet started is dropped.</param>
    /// <remarks>
    /// The answer may come after long queueing at a busy device; the caller watches the work with
    /// <see cref="GetWorkAsync"/> instead of a fixed time-out, so the call itself may last as long as a job.
    /// </remarks>
    [ResponseTimeout("00:30:00")]
    Task<InferenceResult> ClassifyAsync(PixelBatch batch, CancellationToken cancellation = default);

    /// <summary>
    /// Runs the head of the cut's model (its layers up to the cut's tensor) on a batch of pixels, for a device that runs
    /// that model and may not see pixels. Only trusted devices accept pixels to encrypt.
    /// </summary>
    [ResponseTimeout("00:30:00")]
    Task<FeatureBatch> EncryptAsync(PixelBatch batch, FeatureCut cut, CancellationToken cancellation = default);

    /// <summary>Finishes encrypted features with the tail of the device's model from the features' cut; they must come from its model's head.</summary>
    [ResponseTimeout("00:30:00")]
    Task<InferenceResult> ClassifyFeaturesAsync(FeatureBatch features, CancellationToken cancellation = default);

    /// <summary>
    /// Says whether the work named <paramref name="workId"/> is queued or running here, and for how long it has run.
    /// Answered at once while the device computes; never answered once the device has failed.
    /// </summary>
    Task<WorkProgress> GetWorkAsync(string workId);

    /// <summary>Answers at once while the device works; never answers once it has failed.</summary>
    Task PingAsync();

    /// <summary>Reports the device's profile, the silo it runs on and its counters.</summary>
    Task<DeviceStatus> GetStatusAsync();

    /// <summary>
    /// Runs the versions of its model that <paramref name="plan"/> names from now on: it loads and warms any session it does
    /// not hold while it goes on answering with the ones it has, then switches; a plan older than its own is ignored.
    /// Returns the plan it runs.
    /// </summary>
    Task<Models.ModelPlan> TakePlanAsync(Models.ModelPlan plan);

    /// <summary>
    /// Fault injection: after <paramref name="afterTasks"/> more tasks the device stops answering (as the paper's
    /// devices "shut down after half their tasks"); 0 fails it now.
    /// </summary>
    Task InjectFailureAsync(int afterTasks);

    /// <summary>Ends an injected failure or slow-down: the device answers again at its own speed, and calls left hanging fail.</summary>
    Task RecoverAsync();

    /// <summary>Fault injection: the device keeps answering, but each batch takes <paramref name="factor"/> times as long (1: its own speed).</summary>
    Task SlowDownAsync(double factor);
}
