namespace HeteroOrleans.Contracts.Devices;

/// <summary>
/// The compute contract shared by every device, whatever its tier. Keyed by device id.
/// A device classifies one batch at a time; further batches wait in its queue.
/// </summary>
public interface IComputeDeviceGrain : IGrainWithStringKey
{
    /// <summary>Classifies a batch of raw pixels with the device's model. An untrusted device refuses raw pixels.</summary>
    Task<InferenceResult> ClassifyAsync(PixelBatch batch);

    /// <summary>
    /// Runs the encryption head of <paramref name="targetModelId"/> (its first convolution) on a batch of pixels, for
    /// a device that runs that model and may not see pixels. Only trusted devices accept pixels to encrypt.
    /// </summary>
    Task<FeatureBatch> EncryptAsync(PixelBatch batch, string targetModelId, FeaturePrecision precision);

    /// <summary>Finishes encrypted features with the tail of the device's model; they must come from its model's head.</summary>
    Task<InferenceResult> ClassifyFeaturesAsync(FeatureBatch features);

    /// <summary>Answers at once while the device works; never answers once it has failed.</summary>
    Task PingAsync();

    /// <summary>Reports the device's profile, the silo it runs on and its counters.</summary>
    Task<DeviceStatus> GetStatusAsync();

    /// <summary>
    /// Fault injection: after <paramref name="afterTasks"/> more tasks the device stops answering (as the paper's
    /// devices "shut down after half their tasks"); 0 fails it now.
    /// </summary>
    Task InjectFailureAsync(int afterTasks);

    /// <summary>Ends an injected failure: the device answers again, and calls left hanging fail.</summary>
    Task RecoverAsync();
}
