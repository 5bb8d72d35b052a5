using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Grains.Links;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Sends one stage of a task to one device over its emulated link, and says whether it answered in time.
/// As in the paper's evaluation, a device is occupied by a task for its link time and its inference, one task at
/// a time: the next waits in the device's lane.
/// </summary>
internal sealed class StageCaller(IGrainFactory grains, JobSpec spec, UsageMeter usage)
{
    // A device whose speed nobody stated gets this long before its silence counts as a failure.
    private static readonly TimeSpan UnknownSpeedAllowance = TimeSpan.FromSeconds(30);
    private const long LabelBytesPerImage = 8;
    private readonly Dictionary<string, SemaphoreSlim> _lanes = new();

    public int Timeouts { get; private set; }

    /// <summary>
    /// The device's answer, or null when it failed or stayed silent past its timeout. When <paramref name="skip"/>
    /// says so once the device's lane is free (the device failed while this task queued for it), the task is not
    /// sent and comes back <see cref="StageAttempt.Skipped"/>.
    /// </summary>
    public async Task<StageAttempt> TryAsync(DeviceProfile profile, PixelBatch batch, Func<bool>? skip = null)
    {
        var lane = _lanes.TryGetValue(profile.Id, out var existing) ? existing : _lanes[profile.Id] = new SemaphoreSlim(1);
        await lane.WaitAsync();
        try
        {
            if (skip?.Invoke() == true)
            {
                return new StageAttempt(null, Skipped: true);
            }

            await LinkDelay.WaitAsync(profile.Link, batch.Pixels.Length);

            // A call that times out is abandoned: if the device answers later, nobody records it.
            var result = await grains.GetDevice(profile.Tier, profile.Id).ClassifyAsync(batch).WaitAsync(Timeout(profile, batch.Count));
            await LinkDelay.WaitAsync(profile.Link, batch.Count * LabelBytesPerImage);
            usage.Add(profile, result, batch.Count);
            return new StageAttempt(result, Skipped: false);
        }
        catch (TimeoutException)
        {
            Timeouts++;
            usage.Fail(profile);
            return default;
        }
        catch (Exception e) when (e is OrleansException or SiloUnavailableException or InvalidOperationException or OperationCanceledException)
        {
            // The device's silo is gone, or the device refused: the same as no answer, without the wait.
            usage.Fail(profile);
            return default;
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
