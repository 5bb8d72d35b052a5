using Orleans.Concurrency;
using System.Diagnostics;
using HeteroOrleans.Inference.Runtime;

namespace HeteroOrleans.Grains.Devices;

/// <summary>
/// The behaviour every device shares: it takes its profile from the silo that hosts it, loads its model at
/// activation, and classifies one batch at a time: on its own worker thread when it computes for real, on an
/// emulated worker (no thread, a timer) when it is emulated.
/// </summary>
/// <remarks>
/// The grain is reentrant so that status calls are answered while a batch runs; the worker's queue is what
/// keeps batches one at a time, in arrival order.
/// </remarks>
[Reentrant]
public abstract class ComputeDeviceGrain(DeviceHost host, Tier tier)
    : Grain, IComputeDeviceGrain
{
    private DeviceProfile? _profile;
    private InferenceWorker? _worker;
    private EmulatedWorker? _emulated;
    private OnnxClassifier? _classifier;
    private int _tasksDone;
    private int _inFlight;
    private double _recentMsPerImage;
    private int? _failAtTasks;
    private TaskCompletionSource _silence = NewSilence();
    private long _imagesDone;
    private double _busyMs;
    private double _slowDown = 1;
    private readonly WorkBoard _work = new();

    /// <summary>The tier this kind of device belongs to.</summary>
    protected Tier Tier { get; } = tier;

    private DeviceProfile Profile => _profile ?? throw new InvalidOperationException("Device is not activated.");

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        var profile = host.Setup.FindDevice(id);
        if (profile is null || profile.Tier != Tier)
        {
            // Placement only picks a silo that declares the device; reaching this means the cluster's view of
            // the silo's metadata is stale. Refuse rather than run a device this silo does not have.
            throw new InvalidOperationException($"Silo {host.Silo.SiloAddress} does not host {Tier} device '{id}'.");
        }

        _profile = profile;
        _failAtTasks = profile.FailAfterTasks > 0 ? profile.FailAfterTasks : null;
        var tuning = DeviceTuning.For(profile);
        if (profile.ComputeMode == ComputeMode.Emulated)
        {
            // The silo loaded the model's session as it started: no thread and no warm-up run per device, so that a
            // silo can host thousands. An emulated device's time is its profile's, not the session's.
            _emulated = new EmulatedWorker();
            _classifier = await Task.Run(() => host.Classifiers.Get(profile.ModelId, tuning), cancellationToken);
        }
        else
        {
            // Load and warm the model on the worker: the first run of a session pays for allocation and kernel choice.
            _worker = new InferenceWorker(id);
            var loaded = await _worker.RunAsync(() =>
            {
                var classifier = host.Classifiers.Get(profile.ModelId, tuning);
                classifier.Classify(new byte[PixelBatch.ImageBytes], 1);
                return classifier;
            });
            _classifier = loaded.Value;
        }

        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Calls left hanging by an injected failure end with the device, rather than hold its silo's shutdown.
        _silence.TrySetException(new InvalidOperationException($"Device {this.GetPrimaryKeyString()} stopped ({reason.Description})."));
        _worker?.Dispose();
        _emulated?.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<InferenceResult> ClassifyAsync(PixelBatch batch, CancellationToken cancellation = default)
    {
        var classifier = _classifier ?? throw new InvalidOperationException("Device is not activated.");
        CheckPixels(batch, allowUntrusted: batch.UntrustedMaySee);
        await HangIfFailedAsync();
        var emulated = Profile.ComputeMode == ComputeMode.Emulated;
        return await TrackAsync(batch.Count, batch.WorkId, cancellation, () => emulated
            ? host.Predictions.Classify(classifier, batch.Pixels, batch.Count)
            : classifier.Classify(batch.Pixels, batch.Count), () => Profile.MsPerImage * batch.Count);
    }

    /// <inheritdoc />
    public async Task<FeatureBatch> EncryptAsync(PixelBatch batch, FeatureCut cut, CancellationToken cancellation = default)
    {
        // Encrypting means seeing the pixels: only a trusted device may do it, whatever the batch says. The head is short
        // and another device waits on its output: it goes ahead of the inference queued here.
        CheckPixels(batch, allowUntrusted: false);
        await HangIfFailedAsync();
        // Opening a split's sessions the first time blocks: it happens on the worker, like inference.
        var tuning = DeviceTuning.For(Profile);
        var encoding = FeatureEncodings.Of(cut.Precision);
        var entry = _work.Arrive(batch.WorkId);
        try
        {
            // The head runs for real on emulated devices too: its output is what the untrusted device receives. Its
            // emulated time is the device's own speed applied to the head's share of work.
            // Finding a model's cuts runs its graph once: on the worker too, and the time is known once the head has run.
            double? headMs = null;
            var timed = await RunAsync(
                () =>
                {
                    headMs = EmulatedHeadMs(cut, batch.Count);
                    return host.Classifiers.GetSplit(cut.ModelId, TensorOf(cut), tuning).Encrypt(batch.Pixels, batch.Count, encoding);
                },
                () => headMs, entry.Start, cancellation, urgent: true);
            _busyMs += timed.RunMs;
            return new FeatureBatch(batch.TaskIndex, batch.Count, cut, timed.Value.Dims, timed.Value.Data, timed.RunMs, Profile.Id);
        }
        finally
        {
            _work.Leave(batch.WorkId);
        }
    }

    /// <inheritdoc />
    public async Task<InferenceResult> ClassifyFeaturesAsync(FeatureBatch features, CancellationToken cancellation = default)
    {
        if (features.Cut.ModelId != Profile.ModelId)
        {
            throw new ArgumentException(
                $"Device {Profile.Id} runs model '{Profile.ModelId}'; features from the head of '{features.Cut.ModelId}' are not its to finish.");
        }

        await HangIfFailedAsync();
        var (tuning, emulated) = (DeviceTuning.For(Profile), Profile.ComputeMode == ComputeMode.Emulated);
        var (tensor, encoding) = (TensorOf(features.Cut), FeatureEncodings.Of(features.Cut.Precision));
        // An emulated device's tail takes its profile's time for the share of the model's work after the cut.
        var tailShare = 1.0;
        return await TrackAsync(features.Count, features.WorkId, cancellation, () =>
        {
            var split = host.Classifiers.GetSplit(Profile.ModelId, tensor, tuning);
            if (!emulated)
            {
                return split.Finish(features.Data, features.Count, features.Dims, encoding);
            }

            tailShare = host.Classifiers.GetCuts(Profile.ModelId).Find(tensor)?.TailShare ?? 1;
            return host.Predictions.Finish(split, features.Data, features.Count, features.Dims, encoding);
        }, () => Profile.MsPerImage * features.Count * tailShare);
    }

    // The manifest's split when the cut names none in particular.
    private string TensorOf(FeatureCut cut) =>
        cut.Tensor == JobSpec.ManifestSplit ? host.Classifiers.Store.Manifest.Get(cut.ModelId).Split : cut.Tensor;

    // What the head takes on this emulated device: its profile's time per image over its own model's operations, times
    // the head's operations; the time the head took here when the device's speed is unknown.
    private double? EmulatedHeadMs(FeatureCut cut, int images)
    {
        if (Profile.ComputeMode != ComputeMode.Emulated || Profile.MsPerImage <= 0)
        {
            return null;
        }

        var own = host.Classifiers.GetCuts(Profile.ModelId);
        var head = host.Classifiers.GetCuts(cut.ModelId).Find(TensorOf(cut));
        return head is null || own.TotalFlops <= 0 ? null : Profile.MsPerImage / own.TotalFlops * head.HeadFlops * images;
    }

    /// <inheritdoc />
    public async Task<WorkProgress> GetWorkAsync(string workId)
    {
        await HangIfFailedAsync();
        return _work.Progress(workId);
    }

    // The guard that keeps raw pixels from untrusted devices: checked by the device itself, so no caller can skip it.
    private void CheckPixels(PixelBatch batch, bool allowUntrusted)
    {
        if (!Profile.Trusted && !allowUntrusted)
        {
            throw new InvalidOperationException(
                $"Device {Profile.Id} is untrusted and refuses raw pixels (task {batch.TaskIndex}): send it the output of its model's encryption head.");
        }

        if (batch.Count <= 0 || batch.Pixels.Length != batch.Count * PixelBatch.ImageBytes)
        {
            throw new ArgumentException(
                $"Task {batch.TaskIndex}: {batch.Pixels.Length} pixel bytes do not make {batch.Count} images of {PixelBatch.ImageBytes} bytes.");
        }
    }

    // Runs the batch on the worker, on the board from arrival to answer, counted in flight while it queues and
    // runs, and recorded in the metrics once done.
    private async Task<InferenceResult> TrackAsync(int images, string workId, CancellationToken cancellation, Func<Classification> work, Func<double?> emulatedMs)
    {
        var tags = new TagList { { "tier", Profile.Tier.ToString() }, { "device", Profile.Id } };
        _inFlight++;
        HeteroMetrics.Queue.Add(1, tags);
        var entry = _work.Arrive(workId);
        try
        {
            var timed = await RunAsync(work, emulatedMs, entry.Start, cancellation);
            HeteroMetrics.Tasks.Add(1, tags);
            HeteroMetrics.Images.Add(images, tags);
            HeteroMetrics.BatchDuration.Record(timed.RunMs / 1000, new KeyValuePair<string, object?>("tier", Profile.Tier.ToString()));
            return Completed(images, timed);
        }
        finally
        {
            _work.Leave(workId);
            _inFlight--;
            HeteroMetrics.Queue.Add(-1, tags);
        }
    }

    private InferenceResult Completed(int images, Timed<Classification> timed)
    {
        _tasksDone++;
        _imagesDone += images;
        _busyMs += timed.RunMs;

        // A moving average over roughly the last ten batches: what the device does now, not since it started.
        var msPerImage = timed.RunMs / images;
        _recentMsPerImage = _recentMsPerImage == 0 ? msPerImage : 0.9 * _recentMsPerImage + 0.1 * msPerImage;
        return new InferenceResult(Profile.Id, host.Silo.SiloAddress.ToString(), timed.Value.Labels, timed.Value.Confidences, timed.RunMs, timed.QueueMs);
    }

    // Runs work on the device's worker. An emulated device is busy for emulatedMs, read once the work is done (answering
    // from the real model's cached predictions), or, when that is unknown, for the time the work took; a device slowed
    // down by fault injection stays busy that much longer.
    private Task<Timed<T>> RunAsync<T>(Func<T> work, Func<double?> emulatedMs, Action onStart, CancellationToken cancellation, bool urgent = false) =>
        _emulated is { } emulated
            ? emulated.RunAsync(
                work,
                took => (emulatedMs() is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : took) * _slowDown,
                onStart, cancellation, urgent)
            : _worker!.RunAsync(() => Slowed(work), onStart, cancellation, urgent);

    // Runs on the worker thread: a device slowed down by fault injection stays busy that much longer.
    private T Slowed<T>(Func<T> work)
    {
        var factor = _slowDown;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = work();
        if (factor > 1)
        {
            Thread.Sleep(System.Diagnostics.Stopwatch.GetElapsedTime(started) * (factor - 1));
        }

        return result;
    }

    /// <inheritdoc />
    public Task PingAsync() => HangIfFailedAsync();

    /// <inheritdoc />
    public Task<DeviceStatus> GetStatusAsync() =>
        Task.FromResult(new DeviceStatus(
            Profile, host.Silo.SiloAddress.ToString(), host.Setup.Tiers.Select(t => t.ToString()).ToArray(), _tasksDone, _imagesDone, _busyMs, IsFailed, _inFlight, _recentMsPerImage));

    /// <inheritdoc />
    public Task InjectFailureAsync(int afterTasks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterTasks);
        _failAtTasks = _tasksDone + afterTasks;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RecoverAsync()
    {
        _failAtTasks = null;
        _slowDown = 1;

        // Calls left hanging while the device was down now fail: their callers gave up on them long ago.
        var silence = _silence;
        _silence = NewSilence();
        silence.TrySetException(new InvalidOperationException($"Device {Profile.Id} recovered; this call was abandoned while it was down."));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SlowDownAsync(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        _slowDown = factor;
        return Task.CompletedTask;
    }

    private bool IsFailed => _tasksDone >= _failAtTasks;

    // A failed device does not refuse: like a machine that shut down, it simply never answers.
    private Task HangIfFailedAsync() => IsFailed ? _silence.Task : Task.CompletedTask;

    private static TaskCompletionSource NewSilence() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
