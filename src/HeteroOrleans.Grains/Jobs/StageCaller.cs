using HeteroOrleans.Grains.Emulation;
using HeteroOrleans.Grains.Links;
using HeteroOrleans.Grains.Tracing;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Sends one step of a stage's copy to one device over its emulated link, and watches it. As in the paper's
/// evaluation, a device is occupied by one of the job's tasks at a time, for its link time and its work: the next
/// waits in the device's lane. A device may hold other jobs' work too; the watch tells that apart from death.
/// </summary>
/// <remarks>
/// Lanes are the paper's schemes' (<see cref="IJobScheme.OneTaskAtATime"/>). Adaptive has none: it places a stage only
/// on a device with room in its window, which is what lets links overlap work without a device holding too much.
/// </remarks>
internal sealed class StageCaller(
    IDeviceLink link, LinkMeter links, IJobScheme scheme, JobSpec spec, string jobId, UsageMeter usage, DeviceTimeouts timeouts, JobCounters counters, TimeProvider time)
{
    // A device must answer "how far is my work" within the communication time-out (never less than a tenth of a second).
    private readonly TimeSpan _probeTimeout = TimeSpan.FromMilliseconds(Math.Max(spec.Timeout.TotalMilliseconds, 100));
    private const long LabelBytesPerImage = 8;

    // What an answer's way back costs beyond its link, on a busy machine: the grain call's reply and the caller's turn.
    private const double AnswerPathMs = 10;
    private readonly Dictionary<string, SemaphoreSlim> _lanes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _load = new(StringComparer.Ordinal);
    private long _work;

    /// <summary>Copies of this job's stages sent or waiting for the device.</summary>
    public int Load(string deviceId) => _load.GetValueOrDefault(deviceId);

    /// <summary>Classifies raw pixels on <paramref name="profile"/>'s device.</summary>
    public Task<InferenceResult?> ClassifyAsync(StageCopy copy, DeviceProfile profile, PixelBatch batch, Func<bool>? skip) =>
        StepAsync(copy, profile, batch.Pixels.Length, batch.Count, batch.Count * LabelBytesPerImage,
            (work, within, cancel) => link.ClassifyAsync(profile, batch with { WorkId = work, AnswerWithinMs = within }, cancel), skip,
            step: profile.Tier == Tier.End ? "coarse" : "fine");

    /// <summary>
    /// Finishes encrypted features on <paramref name="profile"/>'s device (the tail of its model). The scheme learns the
    /// device's cost as the tail's time and the head's together: choosing the device costs both.
    /// </summary>
    /// <param name="cutMoved">True once the job cuts elsewhere: checked when the device's turn comes, before the features leave.</param>
    public Task<InferenceResult?> ClassifyFeaturesAsync(StageCopy copy, DeviceProfile profile, FeatureBatch features, Func<bool>? skip, Func<bool>? cutMoved = null) =>
        StepAsync(copy, profile, features.Data.Length, features.Count, features.Count * LabelBytesPerImage,
            (work, within, cancel) => link.ClassifyFeaturesAsync(profile, features with { WorkId = work, AnswerWithinMs = within }, cancel), skip, causedMs: features.ComputeMs,
            step: "tail", cutMoved: cutMoved);

    /// <summary>Has the trusted <paramref name="encryptor"/> run the head of <paramref name="cut"/>; null when it failed.</summary>
    public Task<FeatureBatch?> EncryptAsync(StageCopy copy, DeviceProfile encryptor, PixelBatch batch, FeatureCut cut) =>
        StepAsync(copy, encryptor, batch.Pixels.Length, batch.Count, 0,
            (work, _, cancel) => link.EncryptAsync(encryptor, batch with { WorkId = work }, cut, cancel), skip: null, workPerImage: cut.HeadWork > 0 ? cut.HeadWork : 1,
            step: "head");

    // The answer, or null when the device failed, its silo is gone, or the copy was cancelled or skipped.
    private async Task<T?> StepAsync<T>(
        StageCopy copy, DeviceProfile profile, long sendBytes, int images, long answerBytes,
        Func<string, double, CancellationToken, Task<T>> call, Func<bool>? skip, double workPerImage = 1, double causedMs = 0, string step = "", Func<bool>? cutMoved = null)
        where T : class
    {
        var started = time.GetUtcNow();
        var lane = _lanes.TryGetValue(profile.Id, out var known) ? known : _lanes[profile.Id] = new SemaphoreSlim(1);
        _load[profile.Id] = Load(profile.Id) + 1;
        // The stage's own device was placed when the task chose it; a step on another device (the encryption head on
        // a trusted one) counts against that device while it runs.
        var forOther = profile.Id != copy.Target.Id;
        if (forOther)
        {
            scheme.Sent(profile.Id, images);
        }

        var holdsLane = false;
        void ReleaseLane()
        {
            if (holdsLane)
            {
                holdsLane = false;
                lane.Release();
            }
        }

        try
        {
            // The paper's one-task-at-a-time lane; Adaptive's windows are its reservations. An encryption head for
            // another device's stage is short and that device waits on it: it does not queue behind this device's own
            // tasks (on the device it still goes after the batch it is running).
            if (scheme.OneTaskAtATime && !forOther)
            {
                await lane.WaitAsync(copy.Cancellation);
                holdsLane = true;
            }

            if (skip?.Invoke() == true)
            {
                copy.Skipped = true;
                return null;
            }

            if (cutMoved?.Invoke() == true)
            {
                copy.CutMoved = true;
                return null;
            }

            // An answer that cannot come back from the copy's target by the time it is wanted is not worth a step.
            if (MsLeft(copy, copy.Target.Link, answerBytes) <= LinkDelay.OneWay(copy.Target.Link, sendBytes).TotalMilliseconds)
            {
                copy.Expired = true;
                return null;
            }

            counters.BytesSent += sendBytes;
            var sent = time.GetUtcNow();
            usage.Sent(profile, sent);
            await link.TravelAsync(profile, sendBytes, copy.Cancellation);
            var arrived = time.GetUtcNow();
            if (!link.BandwidthIsReal)
            {
                links.Observe(profile, sendBytes, arrived - sent);
            }

            if (profile.Id == copy.Target.Id)
            {
                (copy.Sent, copy.Images) = (true, images);
            }

            var workId = $"{jobId}/{copy.Target.Id}/{++_work}";
            var within = MsLeft(copy, profile.Link, answerBytes) - AnswerPathMs;
            if (within <= 0)
            {
                copy.Expired = true;
                return null;
            }

            var answer = call(workId, double.IsFinite(within) ? within : 0, copy.Cancellation);
            // The time-out is the device's own time for this much work: a head weighs what it costs, not what a whole image does.
            _ = WatchAsync(copy, profile, workId, Math.Max(1, (int)Math.Ceiling(images * workPerImage)), answer, ReleaseLane);
            var value = await answer;
            var answered = time.GetUtcNow();
            if (link.BandwidthIsReal)
            {
                // On a real network the payload crossed inside the call: what the call took beyond the device's own
                // queue and work is its transfer (and the answer's, a few bytes), timed with the emulated latency.
                var (queueMs, workMs) = value is InferenceResult r ? (r.QueueMs, r.ComputeMs) : (0, value is FeatureBatch f ? f.ComputeMs : 0);
                links.Observe(profile, sendBytes, arrived - sent + TimeSpan.FromMilliseconds(Math.Max(0, (answered - arrived).TotalMilliseconds - queueMs - workMs)));
            }

            Learn(profile, value, images, images * workPerImage, causedMs);
            await link.TravelAsync(profile, answerBytes, copy.Cancellation);
            links.Observe(profile, answerBytes, time.GetUtcNow() - answered);
            StepLog.Current?.Add(value switch
            {
                InferenceResult r => new StepTrace(step, profile.Id, started, sent, arrived, answered, time.GetUtcNow(), r.QueueMs, r.ComputeMs),
                FeatureBatch f => new StepTrace(step, profile.Id, started, sent, arrived, answered, time.GetUtcNow(), 0, f.ComputeMs),
                _ => new StepTrace(step, profile.Id, started, sent, arrived, answered, time.GetUtcNow(), 0, 0),
            });
            return value;
        }
        catch (OperationCanceledException) when (copy.IsCancelled)
        {
            return null;
        }
        catch (WorkExpiredException)
        {
            // The device dropped the work unrun: its answer would have come too late. Not a failure of the device.
            (copy.Expired, copy.DroppedByDevice) = (true, true);
            return null;
        }
        catch (Exception e)
        {
            // The device's silo is gone, the device failed, or the call timed out: the device is at fault, not the
            // task. Anything else (a model that would not load, say) may pass on another device, or may not: the
            // copy fails with the error kept, and the job stops retrying a stage that keeps meeting errors.
            copy.FailedDevice ??= profile.Id;
            copy.FailureReason ??= $"{e.GetType().Name}: {e.Message.Split('\n', 2)[0]}";
            copy.Error ??= e is OrleansException or TimeoutException or InvalidOperationException or OperationCanceledException ? null : e;
            usage.Fail(profile);
            HeteroMetrics.Failures.Add(1, new KeyValuePair<string, object?>("device", profile.Id));
            return null;
        }
        finally
        {
            _load[profile.Id] = Load(profile.Id) - 1;
            if (forOther)
            {
                scheme.Returned(profile.Id, images);
            }

            ReleaseLane();
        }
    }

    // How long a device may take over the copy's work for its answer to come back over link by the time the copy's
    // answer is wanted; infinite when it has no deadline.
    private double MsLeft(StageCopy copy, LinkProfile over, long answerBytes) =>
        copy.AnswerBy == 0 ? double.PositiveInfinity
        : time.GetElapsedTime(time.GetTimestamp(), copy.AnswerBy).TotalMilliseconds - LinkDelay.OneWay(over, answerBytes).TotalMilliseconds;

    // The time-out follows the device's own work; the scheme weighs what choosing it cost, work caused elsewhere included.
    // A head's time teaches the time-out too, as the share of its own model's images it weighs: a trusted device that
    // only runs heads for a while still shows how fast it is now (the cuts follow that speed).
    private void Learn<T>(DeviceProfile profile, T value, int images, double work, double causedMs)
    {
        switch (value)
        {
            case InferenceResult result:
                timeouts.Observe(profile.Id, result.ComputeMs, work);
                usage.Add(profile, result, images);
                scheme.Observe(profile.Id, result.ComputeMs + causedMs, images);
                break;
            case FeatureBatch features:
                timeouts.Observe(profile.Id, features.ComputeMs, work);
                usage.AddBusy(profile, features.ComputeMs);
                break;
        }
    }

    // Slow is not dead: the time-out counts from when the device starts the work, so the watch asks the device how
    // far the work is once it should have been done. Queued work is never late; running work is late once it runs past
    // the device's time-out; a device that does not answer the question within the communication time-out is late
    // then, so that a dead device costs its expected time plus the communication time-out, as in the paper.
    private async Task WatchAsync(StageCopy copy, DeviceProfile profile, string workId, int images, Task answer, Action releaseLane)
    {
        var wait = timeouts.Expected(profile.Id, images);
        var unknown = 0;
        while (true)
        {
            await Task.WhenAny(answer, Task.Delay(wait, time, copy.Cancellation));
            if (answer.IsCompleted || copy.IsCancelled)
            {
                return;
            }

            WorkProgress? progress;
            try
            {
                progress = await link.GetWorkAsync(profile, workId).WaitAsync(_probeTimeout, time, copy.Cancellation);
            }
            catch (OperationCanceledException) when (copy.IsCancelled)
            {
                return;
            }
            catch (Exception e) when (e is OrleansException or SiloUnavailableException or TimeoutException or InvalidOperationException)
            {
                progress = null;
            }

            if (answer.IsCompleted)
            {
                return;
            }

            var timeout = timeouts.For(profile.Id, images);
            (var late, wait) = progress switch
            {
                null => (true, TimeSpan.Zero),
                { Phase: WorkPhase.Queued } => (false, timeout),
                { Phase: WorkPhase.Running } running => running.RunningMs >= timeout.TotalMilliseconds
                    ? (true, TimeSpan.Zero)
                    : (false, TimeSpan.FromMilliseconds(Math.Max(20, timeout.TotalMilliseconds - running.RunningMs))),

                // Not there: the answer may be on its way back; twice not there, it was lost with the device.
                _ => (++unknown >= 2, _probeTimeout),
            };

            if (late)
            {
                usage.Fail(profile);
                HeteroMetrics.Failures.Add(1, new KeyValuePair<string, object?>("device", profile.Id));
                // The job's next task for this device need not wait behind a copy that may never answer.
                releaseLane();
                copy.MarkLate(profile.Id);
                return;
            }
        }
    }
}
