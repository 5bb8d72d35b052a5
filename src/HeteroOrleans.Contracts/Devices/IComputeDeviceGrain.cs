namespace HeteroOrleans.Contracts.Devices;

/// <summary>
/// The compute contract shared by every device, whatever its tier. Keyed by device id.
/// A device classifies one batch at a time; further batches wait in its queue.
/// </summary>
public interface IComputeDeviceGrain : IGrainWithStringKey
{
    /// <summary>Classifies a batch of raw pixels with the device's model.</summary>
    Task<InferenceResult> ClassifyAsync(PixelBatch batch);

    /// <summary>Reports the device's profile, the silo it runs on and its counters.</summary>
    Task<DeviceStatus> GetStatusAsync();
}
