using HeteroOrleans.Grains.Links;

namespace HeteroOrleans.UnitTests.Engine;

/// <summary>
/// Devices that answer on a fake clock: each takes its time per image, or hangs as a failed device does (no answer, not
/// even to "how far is my work"). Every call is noted, in order.
/// </summary>
internal sealed class FakeDeviceLink(FakeTimeProvider time) : IDeviceLink
{
    private readonly Dictionary<string, double> _msPerImage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _headMsPerImage = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hung = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tooBusy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkProfile> _links = new(StringComparer.Ordinal);

    /// <summary>The devices each batch went to, in the order they were called.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Gives <paramref name="device"/> its time per image (default 1 ms).</summary>
    public FakeDeviceLink Speed(string device, double msPerImage)
    {
        _msPerImage[device] = msPerImage;
        return this;
    }

    /// <summary>Gives <paramref name="device"/> its time per image for an encryption head (default 1 ms).</summary>
    public FakeDeviceLink HeadSpeed(string device, double msPerImage)
    {
        _headMsPerImage[device] = msPerImage;
        return this;
    }

    /// <summary>Makes <paramref name="device"/> stop answering, as a shut-down machine does.</summary>
    public void Hang(string device) => _hung.Add(device);

    /// <summary>Makes <paramref name="device"/> drop all its work as too late to answer in time, as a device whose queue is long does.</summary>
    public void TooBusy(string device) => _tooBusy.Add(device);

    /// <summary>Makes <paramref name="device"/> answer again.</summary>
    public void Recover(string device) => _hung.Remove(device);

    public bool BandwidthIsReal => false;

    public Task TravelAsync(DeviceProfile device, long bytes, CancellationToken cancellation) =>
        LinkDelay.WaitAsync(_links.GetValueOrDefault(device.Id) ?? device.Link, bytes, time, cancellation);

    /// <summary>Makes transfers to <paramref name="device"/> cross <paramref name="link"/> from now on.</summary>
    public void ChangeLink(string device, LinkProfile link) => _links[device] = link;

    public Task<InferenceResult> ClassifyAsync(DeviceProfile device, PixelBatch batch, CancellationToken cancellation) =>
        RunAsync(device, batch.WorkId, batch.Count, cancellation);

    public async Task<FeatureBatch> EncryptAsync(DeviceProfile device, PixelBatch batch, FeatureCut cut, CancellationToken cancellation)
    {
        Calls.Add($"{device.Id} (head)");
        var ms = _headMsPerImage.GetValueOrDefault(device.Id, 1) * batch.Count;
        await Task.Delay(TimeSpan.FromMilliseconds(ms), time, cancellation);
        return new FeatureBatch(batch.TaskIndex, batch.Count, cut, [batch.Count, 1], new byte[batch.Count * 4], ms, device.Id);
    }

    public Task<InferenceResult> ClassifyFeaturesAsync(DeviceProfile device, FeatureBatch features, CancellationToken cancellation) =>
        RunAsync(device, features.WorkId, features.Count, cancellation);

    public Task<WorkProgress> GetWorkAsync(DeviceProfile device, string workId) =>
        _hung.Contains(device.Id) ? new TaskCompletionSource<WorkProgress>().Task
        : Task.FromResult(_running.TryGetValue(workId, out var started)
            ? new WorkProgress(WorkPhase.Running, (time.GetUtcNow() - started).TotalMilliseconds)
            : WorkProgress.Unknown);

    public Task PingAsync(DeviceProfile device) => _hung.Contains(device.Id) ? new TaskCompletionSource().Task : Task.CompletedTask;

    private async Task<InferenceResult> RunAsync(DeviceProfile device, string workId, int images, CancellationToken cancellation)
    {
        Calls.Add(device.Id);
        if (_hung.Contains(device.Id))
        {
            // A grain call that never answers ends only when its caller cancels it.
            await new TaskCompletionSource().Task.WaitAsync(cancellation);
        }

        if (_tooBusy.Contains(device.Id))
        {
            throw new WorkExpiredException(0, 0);
        }

        var ms = _msPerImage.GetValueOrDefault(device.Id, 1) * images;
        _running[workId] = time.GetUtcNow();
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(ms), time, cancellation);
        }
        finally
        {
            _running.Remove(workId);
        }

        return new InferenceResult(device.Id, "fake-silo", new int[images], Enumerable.Repeat(1f, images).ToArray(), ms, 0);
    }
}
