using System.Diagnostics;
using HeteroOrleans.Inference.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace HeteroOrleans.Grains.Devices;

/// <summary>
/// The behaviour every device shares: it takes its profile from the silo that hosts it, loads its model at
/// activation, and classifies its batches in arrival order: on the process's compute pool, whose threads all devices
/// that compute for real share as they share the machine's cores; on an emulated worker (no thread, a timer), one batch
/// at a time, when it is emulated. Work that waits at the device from several callers runs as one batch (<see cref="DeviceBatcher"/>).
/// </summary>
/// <remarks>
/// The grain is reentrant so that status calls are answered while a batch runs; the pool's or the emulated worker's
/// queue is what orders the batches.
/// </remarks>
[Reentrant]
public abstract class ComputeDeviceGrain(DeviceHost host, Tier tier)
    : Grain, IComputeDeviceGrain
{
    private DeviceProfile? _profile;
    private EmulatedWorker? _emulated;
    private DeviceModels? _models;
    private readonly DeviceMeter _meter = new();
    private int _inFlight;
    private DeviceFaults _faults = new(string.Empty, 0);
    private readonly WorkBoard _work = new();
    private DeviceBatcher? _batcher;

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
        _faults = new DeviceFaults(id, profile.FailAfterTasks);
        _batcher = new DeviceBatcher(
            JoinedBatchLimit(profile), TimeSpan.FromMilliseconds(profile.MaxQueueDelayMs),
            (work, emulatedMs) => RunAsync(work, emulatedMs, () => { }, CancellationToken.None), () => _meter.RecentMsPerImage,
            exactPace: profile.ComputeMode == ComputeMode.Emulated);
        // An emulated device's time is its profile's, not the session's: no thread of its own, so that a silo can host
        // thousands. The versions of its model its tier runs now are loaded before it takes work.
        _emulated = profile.ComputeMode == ComputeMode.Emulated ? new EmulatedWorker() : null;
        var models = new DeviceModels(host, profile, GrainFactory, ServiceProvider.GetRequiredService<ILogger<ComputeDeviceGrain>>());
        await models.ActivateAsync(cancellationToken);
        _models = models;
        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _faults.Stop(reason.Description);
        _emulated?.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<InferenceResult> ClassifyAsync(PixelBatch batch, CancellationToken cancellation = default)
    {
        var models = _models ?? throw new InvalidOperationException("Device is not activated.");
        PixelGuard.Check(Profile, batch, allowUntrusted: batch.UntrustedMaySee);
        await HangIfFailedAsync();
        var input = new BatchInput(
            "pixels", batch.Pixels, batch.Count, models.Classify, count => EmulatedTime.ClassifyMs(Profile, count), batch.AnswerWithinMs);
        var answer = await TrackAsync(input, batch.WorkId, batch.Priority, cancellation);
        models.CompareIfCanary(batch.Pixels, batch.Count, answer);
        return answer;
    }

    /// <inheritdoc />
    public async Task<FeatureBatch> EncryptAsync(PixelBatch batch, FeatureCut cut, CancellationToken cancellation = default)
    {
        // Encrypting means seeing the pixels: only a trusted device may do it, whatever the batch says. The head is short
        // and another device waits on its output: it goes ahead of the inference queued here.
        PixelGuard.Check(Profile, batch, allowUntrusted: false);
        await HangIfFailedAsync();
        // Opening a split's sessions the first time blocks: it happens on the pool or the emulated worker, like inference.
        var tuning = DeviceTuning.For(Profile);
        var encoding = FeatureEncodings.Of(cut.Precision);
        var entry = _work.Arrive(batch.WorkId);
        try
        {
            // The head runs for real on emulated devices too: its output is what the untrusted device receives. Its
            // emulated time is the device's own speed applied to the head's share of work.
            // Finding a model's cuts runs its graph once: there too, and the time is known once the head has run.
            double? headMs = null;
            var timed = await RunAsync(
                () =>
                {
                    headMs = EmulatedTime.HeadMs(Profile, host.Classifiers.GetCuts(Profile.ModelId).TotalFlops, host.Classifiers.GetCuts(cut.ModelId).Find(TensorOf(cut)), batch.Count);
                    return host.Classifiers.GetSplit(cut.ModelId, TensorOf(cut), tuning).Encrypt(batch.Pixels, batch.Count, encoding);
                },
                () => headMs, entry.Start, cancellation, urgent: true);
            _meter.Busy(timed.RunMs);
            return new FeatureBatch(batch.TaskIndex, batch.Count, cut, timed.Value.Dims, timed.Value.Data, timed.RunMs, Profile.Id, Priority: batch.Priority);
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
        // An emulated device's tail takes its profile's time for the share of the model's work after the cut. Tails from
        // the same cut, encoding and shape run together.
        ModelCut? tail = null;
        var input = new BatchInput(
            $"{tensor}/{encoding}/{string.Join('x', features.Dims)}", features.Data, features.Count,
            (data, count) =>
            {
                var split = host.Classifiers.GetSplit(Profile.ModelId, tensor, tuning);
                if (!emulated)
                {
                    return split.Finish(data, count, features.Dims, encoding);
                }

                tail = host.Classifiers.GetCuts(Profile.ModelId).Find(tensor);
                return host.Predictions.Finish(split, data, count, features.Dims, encoding);
            },
            count => EmulatedTime.TailMs(Profile, tail, count), features.AnswerWithinMs);
        return await TrackAsync(input, features.WorkId, features.Priority, cancellation);
    }

    // Work joins a batch only while that pays: every answer of a batch waits for all of it. A real run has a fixed cost
    // worth sharing up to the device's MaxBatch (a batch of 64 runs in tens of milliseconds); an emulated device's only
    // gain is its MsPerBatch, shared until it is a twentieth of the run, and with none (the paper's devices) there is no
    // gain at all: joining would only hold answers back (64 images at 8.4 ms are half a second).
    private static int JoinedBatchLimit(DeviceProfile profile) =>
        profile.ComputeMode != ComputeMode.Emulated ? profile.MaxBatch
        : profile.MsPerBatch <= 0 || profile.MsPerImage <= 0 ? 1
        : (int)Math.Clamp(Math.Ceiling(20 * profile.MsPerBatch / profile.MsPerImage), 1, profile.MaxBatch);

    // The manifest's split when the cut names none in particular.
    private string TensorOf(FeatureCut cut) =>
        cut.Tensor == JobSpec.ManifestSplit ? host.Classifiers.Store.Manifest.Get(cut.ModelId).Split : cut.Tensor;

    /// <inheritdoc />
    public async Task<WorkProgress> GetWorkAsync(string workId)
    {
        await HangIfFailedAsync();
        return _work.Progress(workId);
    }

    // Queues the work at the device's batcher, on the board from arrival to answer, counted in flight while it queues and
    // runs, and recorded in the metrics once done.
    private async Task<InferenceResult> TrackAsync(BatchInput input, string workId, RequestPriority priority, CancellationToken cancellation)
    {
        var batcher = _batcher ?? throw new InvalidOperationException("Device is not activated.");
        var tags = new TagList { { "tier", Profile.Tier.ToString() }, { "device", Profile.Id } };
        _inFlight++;
        HeteroMetrics.Queue.Add(1, tags);
        var entry = _work.Arrive(workId);
        try
        {
            var share = await batcher.AddAsync(input, priority == RequestPriority.High, entry.Start, cancellation);
            HeteroMetrics.Tasks.Add(1, tags);
            HeteroMetrics.Images.Add(input.Count, tags);
            _meter.Done(input.Count, share.RunMs);
            if (share.First)
            {
                // The batch is counted once, by its first piece of work.
                var tier = new KeyValuePair<string, object?>("tier", Profile.Tier.ToString());
                _meter.Ran(share.BatchImages);
                _models?.Ran(share.Value.Model, share.BatchImages, share.BatchRunMs);
                HeteroMetrics.DeviceBatchSize.Record(share.BatchImages, tier);
                HeteroMetrics.BatchDuration.Record(share.BatchRunMs / 1000, tier);
            }

            return new InferenceResult(Profile.Id, host.Silo.SiloAddress.ToString(), share.Value.Labels, share.Value.Confidences, share.RunMs, share.QueueMs, share.Value.Model);
        }
        catch (WorkExpiredException)
        {
            HeteroMetrics.Expired.Add(1, tags);
            throw;
        }
        finally
        {
            _work.Leave(workId);
            _inFlight--;
            HeteroMetrics.Queue.Add(-1, tags);
        }
    }

    // Runs work on the pool, or on the device's emulated worker. An emulated device is busy for emulatedMs, read once the
    // work is done (answering from the real model's cached predictions), or, when that is unknown, for the time the work
    // took; a device slowed down by fault injection stays busy that much longer.
    private Task<Timed<T>> RunAsync<T>(Func<T> work, Func<double?> emulatedMs, Action onStart, CancellationToken cancellation, bool urgent = false) =>
        _emulated is { } emulated
            ? emulated.RunAsync(
                work,
                took => (emulatedMs() is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : took) * _faults.SlowDown,
                onStart, cancellation, urgent)
            : host.Compute.RunAsync(() => Slowed(work), onStart, cancellation, urgent);

    // Runs on a pool thread: a device slowed down by fault injection stays busy that much longer.
    private T Slowed<T>(Func<T> work)
    {
        var factor = _faults.SlowDown;
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
            Profile, host.Silo.SiloAddress.ToString(), host.Setup.Tiers.Select(t => t.ToString()).ToArray(), _meter.TasksDone, _meter.ImagesDone, _meter.BusyMs, IsFailed, _inFlight, _meter.RecentMsPerImage, _meter.RecentBatch,
            GrainContext.ActivationId.ToString(), _models?.Describe() ?? ""));

    /// <inheritdoc />
    public Task<ModelPlan> TakePlanAsync(ModelPlan plan) =>
        (_models ?? throw new InvalidOperationException("Device is not activated.")).TakeAsync(plan);

    /// <inheritdoc />
    public Task InjectFailureAsync(int afterTasks)
    {
        _faults.FailAfter(_meter.TasksDone, afterTasks);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RecoverAsync()
    {
        _faults.Recover();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SlowDownAsync(double factor)
    {
        _faults.Slow(factor);
        return Task.CompletedTask;
    }

    private bool IsFailed => _faults.IsFailed(_meter.TasksDone);

    private Task HangIfFailedAsync() => _faults.HangIfFailedAsync(_meter.TasksDone);
}
