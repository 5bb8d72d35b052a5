namespace HeteroOrleans.Grains.Links;

/// <summary>The device grains of the cluster, behind each device's emulated link as it is now (applied here, on the caller's side).</summary>
internal sealed class GrainDeviceLink(IGrainFactory grains, EmulatedLinks links, TimeProvider time) : IDeviceLink
{
    public Task TravelAsync(DeviceProfile device, long bytes, CancellationToken cancellation) => LinkDelay.WaitAsync(links.Of(device), bytes, time, cancellation);

    public bool BandwidthIsReal => !links.EmulatesBandwidth;

    public Task<InferenceResult> ClassifyAsync(DeviceProfile device, PixelBatch batch, CancellationToken cancellation) =>
        Device(device).ClassifyAsync(batch, cancellation);

    public Task<FeatureBatch> EncryptAsync(DeviceProfile device, PixelBatch batch, FeatureCut cut, CancellationToken cancellation) =>
        Device(device).EncryptAsync(batch, cut, cancellation);

    public Task<InferenceResult> ClassifyFeaturesAsync(DeviceProfile device, FeatureBatch features, CancellationToken cancellation) =>
        Device(device).ClassifyFeaturesAsync(features, cancellation);

    public Task<WorkProgress> GetWorkAsync(DeviceProfile device, string workId) => Device(device).GetWorkAsync(workId);

    public Task PingAsync(DeviceProfile device) => Device(device).PingAsync();

    private IComputeDeviceGrain Device(DeviceProfile device) => grains.GetDevice(device.Tier, device.Id);
}
