namespace HeteroOrleans.Grains.Links;

/// <summary>
/// How a job reaches its devices: the calls it makes and the emulated network in between. Grains in a cluster
/// (<see cref="GrainDeviceLink"/>); a fake one in the job engine's unit tests, where nothing waits on a real clock.
/// </summary>
internal interface IDeviceLink
{
    /// <summary>
    /// The time a payload of <paramref name="bytes"/> takes one way on the link to <paramref name="device"/> as it is now
    /// (the emulated network; a real one adds its own).
    /// </summary>
    Task TravelAsync(DeviceProfile device, long bytes, CancellationToken cancellation);

    /// <summary>
    /// True where payloads cross a real network's bandwidth (the emulation adds none): their transfer then happens
    /// inside each call, and is timed there.
    /// </summary>
    bool BandwidthIsReal { get; }

    /// <summary>Classifies raw pixels on <paramref name="device"/>.</summary>
    Task<InferenceResult> ClassifyAsync(DeviceProfile device, PixelBatch batch, CancellationToken cancellation);

    /// <summary>Runs an encryption head on the trusted <paramref name="device"/>.</summary>
    Task<FeatureBatch> EncryptAsync(DeviceProfile device, PixelBatch batch, FeatureCut cut, CancellationToken cancellation);

    /// <summary>Finishes a head's output on <paramref name="device"/> (the tail of its model).</summary>
    Task<InferenceResult> ClassifyFeaturesAsync(DeviceProfile device, FeatureBatch features, CancellationToken cancellation);

    /// <summary>Where work <paramref name="workId"/> stands on <paramref name="device"/>: queued, running for how long, or not there.</summary>
    Task<WorkProgress> GetWorkAsync(DeviceProfile device, string workId);

    /// <summary>Asks <paramref name="device"/> to answer (activating it, the first time).</summary>
    Task PingAsync(DeviceProfile device);
}
