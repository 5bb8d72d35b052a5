using HeteroOrleans.Grains.Jobs;
using HeteroOrleans.Grains.Links;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace HeteroOrleans.Grains.Serving;

/// <summary>
/// The inference service: each request is a task of a job without an image count, run through the same pipeline as a
/// job's (scheme, fault policy, privacy router, monitor). It lives on an end-tier silo, as jobs do, because raw images
/// may rest only on trusted nodes. It answers a request at its deadline with the coarse answers when the fine ones
/// are late, and cancels the fine work then.
/// </summary>
[TierFilter(Tier.End)]
[PreferLocalPlacement]
[Reentrant]
public sealed class InferenceServiceGrain(
    IOptions<ServingOptions> options, SharedClassifiers classifiers, TimeProvider time, ILogger<InferenceServiceGrain> logger) : Grain, IInferenceServiceGrain
{
    private static readonly TimeSpan NoDeviceRetry = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _ending = new();
    private readonly ServingBook _book = new(options.Value, time);
    private readonly JobSpec _spec = options.Value.ToSpec();
    private ServingPlan? _plan;
    private long _plannedAt;
    private Task<ServingPlan>? _planning;

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _ending.Cancel();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ServeCounts> GetCountsAsync() => Task.FromResult(_book.Counts);

    /// <inheritdoc />
    public async Task<ServeReply> ClassifyAsync(ServeRequest request, CancellationToken cancellation = default)
    {
        var takenAt = time.GetTimestamp();
        if (request.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        ServingPlan plan;
        try
        {
            plan = await PlanAsync();
        }
        catch (InvalidOperationException e)
        {
            _book.Refused();
            return new ServeReply(ServeOutcome.Refused, [], Ms(takenAt), NoDeviceRetry, e.Message);
        }

        if (_book.TryAdmit(request.Priority) is not var (index, coarse))
        {
            return new ServeReply(
                ServeOutcome.Refused, [], Ms(takenAt), _book.RetryAfter(), $"the service is full: {_book.InFlight} requests in flight ({request.Priority} priority)");
        }

        var outcome = ServeOutcome.Refused;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, plan.Ending);
        try
        {
            var reply = await RunAsync(plan, new ImageTask(index, 0, request.Pixels, new byte[request.Count], new byte[request.Count]), coarse, request.Deadline, stop, takenAt);
            outcome = cancellation.IsCancellationRequested ? ServeOutcome.Cancelled : reply.Outcome;
            return outcome == ServeOutcome.Cancelled ? new ServeReply(outcome, [], Ms(takenAt), Reason: "cancelled by its caller") : reply;
        }
        finally
        {
            // Whatever still runs for the request (its fine stage after the deadline) is cancelled and its room freed.
            await stop.CancelAsync();
            _book.Ended(index, outcome);
        }
    }

    private async Task<ServeReply> RunAsync(ServingPlan plan, ImageTask task, Task<InferenceResult> coarse, TimeSpan deadline, CancellationTokenSource stop, long takenAt)
    {
        var run = plan.Pipeline.Tasks.RunAsync(task, stop.Token);
        _ = run.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        var due = Task.Delay(deadline, time, stop.Token);
        if (await Task.WhenAny(run, due) == run && run.IsCompletedSuccessfully && run.Result is { Done: true, Coarse: { } answered } result)
        {
            return Reply(plan, task, answered, result.Fine, takenAt);
        }

        if (stop.IsCancellationRequested)
        {
            return new ServeReply(ServeOutcome.Cancelled, [], Ms(takenAt));
        }

        // The deadline passed (or the run ended without both answers): the coarse answer is the anytime answer. It
        // normally came long before; if not even it has, it is awaited, and the request ends late with it.
        await Task.WhenAny(coarse, run);
        if (coarse.IsCompletedSuccessfully)
        {
            return Reply(plan, task, coarse.Result, null, takenAt);
        }

        return new ServeReply(ServeOutcome.Refused, [], Ms(takenAt), NoDeviceRetry, "no device of a role the request needs answered");
    }

    private ServeReply Reply(ServingPlan plan, ImageTask task, InferenceResult coarse, InferenceResult? fine, long takenAt)
    {
        var images = new ServedImage[task.Count];
        for (var i = 0; i < task.Count; i++)
        {
            var fineLabel = fine is not null && i < fine.Labels.Length ? fine.Labels[i] : -1;
            images[i] = new ServedImage(
                coarse.Labels[i], coarse.Confidences[i], coarse.DeviceId, fineLabel, fineLabel >= 0 ? fine!.Confidences[i] : float.NaN,
                fineLabel >= 0 ? fine!.DeviceId : null, fineLabel >= 0 ? plan.TierOf(fine!.DeviceId) : null);
        }

        var outcome = images.All(i => i.FineInTime) ? ServeOutcome.FineInTime : ServeOutcome.CoarseAtDeadline;
        return new ServeReply(outcome, images, Ms(takenAt));
    }

    // The plan is made at the first request and again, every so often, when devices have joined or left.
    private async Task<ServingPlan> PlanAsync()
    {
        if (_plan is { } current && time.GetElapsedTime(_plannedAt) < options.Value.ReplanInterval)
        {
            return current;
        }

        _planning ??= PlanAgainAsync();
        try
        {
            return await _planning;
        }
        catch (InvalidOperationException e) when (_plan is { } kept)
        {
            // The devices now available cannot run the scheme (every edge gone, say): the current plan's view still
            // follows those that live, and the next look may find the cluster whole again.
            logger.LogWarning("Inference service {Service} keeps its plan: {Reason}", this.GetPrimaryKeyString(), e.Message);
            return kept;
        }
        finally
        {
            _planning = null;
        }
    }

    private async Task<ServingPlan> PlanAgainAsync()
    {
        var monitor = GrainFactory.GetDeviceMonitor();
        var available = await monitor.GetAvailableAsync();
        var starting = FaultPolicies.For(_spec.Faults).StartingDevices(await monitor.GetDevicesAsync(), available).Select(d => d.Profile).ToList();
        _plannedAt = time.GetTimestamp();
        if (_plan is { } current && current.Covers(starting))
        {
            return current;
        }

        var devices = JobDevices.Select(_spec, starting, time);
        PrivacyRouter.Check(_spec, [.. devices.Profiles.Values]);
        var cuts = await Task.Run(() => FeatureCuts.Plan(_spec, [.. devices.Profiles.Values], classifiers));
        var jobId = $"serve-{this.GetPrimaryKeyString()}-{Guid.NewGuid():N}";
        var link = new GrainDeviceLink(GrainFactory, time);
        await DeviceWake.WakeAsync(link, monitor, jobId, devices.Profiles.Values, time);
        var ports = new JobPorts(link, monitor, ServiceOutbox.Instance, time, logger);

        // A stream has no end in sight: the scheme plans with no expected image count.
        var pipeline = TaskPipeline.Build(jobId, _spec, devices, cuts, new JobCounters(), new UsageMeter(), _book, ports, expectedImages: 0);
        var plan = new ServingPlan(devices, pipeline, _ending.Token);
        new RoomServer(pipeline.Scheme, pipeline.View, ports, $"Inference service {this.GetPrimaryKeyString()}")
            .Start(() => plan.Replaced && pipeline.Scheme.Waiting == 0, _ending.Token);
        if (_plan is { } replaced)
        {
            replaced.Replaced = true;
        }

        logger.LogInformation("Inference service {Service} serves on {Devices} devices: {Plan}", this.GetPrimaryKeyString(), devices.Profiles.Count, devices.Scheme.Plan);
        return _plan = plan;
    }

    private double Ms(long since) => time.GetElapsedTime(since).TotalMilliseconds;
}
