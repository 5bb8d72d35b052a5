using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Grains.Links;
using HeteroOrleans.Grains.Monitoring;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Sends one piece of a task's work to one device over its emulated link, and says whether it answered in time.
/// As in the paper's evaluation, a device is occupied by a task for its link time and its work, one task at a
/// time: the next waits in the device's lane.
/// </summary>
internal sealed class StageCaller(IGrainFactory grains, JobSpec spec, UsageMeter usage)
{
    // A device whose speed nobody stated gets this long before its silence counts as a failure.
    private static readonly TimeSpan UnknownSpeedAllowance = TimeSpan.FromSeconds(30);
    private const long LabelBytesPerImage = 8;
    private readonly Dictionary<string, SemaphoreSlim> _lanes = new();

    public int Timeouts { get; private set; }

    /// <summary>Payload bytes sent to devices so far (pixels and features).</summary>
    public long BytesSent { get; private set; }

    /// <summary>Classifies raw pixels on <paramref name="profile"/>'s device.</summary>
    public async Task<StageAttempt> TryAsync(DeviceProfile profile, PixelBatch batch, Func<bool>? skip = null)
    {
        var (result, skipped) = await CallAsync(profile, batch.Pixels.Length, batch.Count, device => device.ClassifyAsync(batch), skip);
        return Record(profile, result, skipped, batch.Count);
    }

    /// <summary>Finishes encrypted features on <paramref name="profile"/>'s device (the tail of its model).</summary>
    public async Task<StageAttempt> TryFeaturesAsync(DeviceProfile profile, FeatureBatch features, Func<bool>? skip = null)
    {
        var (result, skipped) = await CallAsync(profile, features.Data.Length, features.Count, device => device.ClassifyFeaturesAsync(features), skip);
        return Record(profile, result, skipped, features.Count);
    }

    /// <summary>Has the trusted <paramref name="encryptor"/> run <paramref name="targetModelId"/>'s encryption head; null when it failed.</summary>
    public async Task<FeatureBatch?> TryEncryptAsync(DeviceProfile encryptor, PixelBatch batch, string targetModelId)
    {
        var (features, _) = await CallAsync(encryptor, batch.Pixels.Length, batch.Count,
            device => device.EncryptAsync(batch, targetModelId, spec.FeaturePrecision), skip: null, answerBytes: 0);
        if (features is null)
        {
            usage.Fail(encryptor);
            HeteroMetrics.Failures.Add(1, new KeyValuePair<string, object?>("device", encryptor.Id));
        }

        return features;
    }

    private StageAttempt Record(DeviceProfile profile, InferenceResult? result, bool skipped, int images)
    {
        if (result is not null)
        {
            usage.Add(profile, result, images);
        }
        else if (!skipped)
        {
            usage.Fail(profile);
            HeteroMetrics.Failures.Add(1, new KeyValuePair<string, object?>("device", profile.Id));
        }

        return new StageAttempt(result, skipped);
    }

    // The answer, or null when the device failed or stayed silent past its timeout; skipped when the task was not sent.
    private async Task<(T? Answer, bool Skipped)> CallAsync<T>(
        DeviceProfile profile, long sendBytes, int images, Func<IComputeDeviceGrain, Task<T>> call, Func<bool>? skip, long? answerBytes = null)
        where T : class
    {
        var lane = _lanes.TryGetValue(profile.Id, out var existing) ? existing : _lanes[profile.Id] = new SemaphoreSlim(1);
        await lane.WaitAsync();
        try
        {
            if (skip?.Invoke() == true)
            {
                return (null, true);
            }

            BytesSent += sendBytes;
            await LinkDelay.WaitAsync(profile.Link, sendBytes);

            // A call that times out is abandoned: if the device answers later, nobody records it.
            var answer = await call(grains.GetDevice(profile.Tier, profile.Id)).WaitAsync(Timeout(profile, images));
            await LinkDelay.WaitAsync(profile.Link, answerBytes ?? images * LabelBytesPerImage);
            return (answer, false);
        }
        catch (TimeoutException)
        {
            Timeouts++;
            return (null, false);
        }
        catch (Exception e) when (e is OrleansException or SiloUnavailableException or OperationCanceledException)
        {
            // The device's silo is gone: the same as no answer, without the wait.
            return (null, false);
        }
        finally
        {
            lane.Release();
        }
    }

    // The paper's communication timeout, counted from when the device should have finished; the expected time
    // gets half again as slack, so that a device merely slowed (a pause, a busy machine) is not taken for dead.
    private TimeSpan Timeout(DeviceProfile profile, int images) =>
        (profile.MsPerImage > 0 ? TimeSpan.FromMilliseconds(1.5 * profile.MsPerImage * images) : UnknownSpeedAllowance)
        + TimeSpan.FromMilliseconds(spec.TimeoutMs);
}
