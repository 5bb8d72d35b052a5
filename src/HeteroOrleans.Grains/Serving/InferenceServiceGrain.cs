using HeteroOrleans.Grains.Jobs;
using HeteroOrleans.Grains.Links;
using HeteroOrleans.Grains.Silos;
using HeteroOrleans.Grains.Tracing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace HeteroOrleans.Grains.Serving;

/// <summary>
/// The inference service: each request is a task of a job without an image count, run through the same pipeline as a
/// job's (scheme, fault policy, privacy router, monitor). It lives on an end-tier silo, as jobs do, because raw images
/// may rest only on trusted nodes. It answers a request at its deadline with the coarse answers when the fine ones
/// are late, and cancels the fine work then. When its silo drains it migrates, carrying its devices' cuts, so that the
/// new activation plans without working them out again while requests wait.
/// </summary>
[TierFilter(Tier.End)]
[PreferLocalPlacement]
[Reentrant]
public sealed class InferenceServiceGrain(
    IOptions<ServingOptions> options, SharedClassifiers classifiers, SiloDrain drain, RecentTraces traces, EmulatedLinks links, LinkMeter meter, TimeProvider time,
    ILogger<InferenceServiceGrain> logger) : Grain, IInferenceServiceGrain, IGrainMigrationParticipant
{
    private const string CutsKey = "cuts";
    private static readonly TimeSpan NoDeviceRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LagProbe = TimeSpan.FromMilliseconds(10);
    private const int LinkReviewProbes = 25;

    // How long past its deadline a request waits for a coarse answer still on its way before it expires.
    private static readonly TimeSpan ExpiryGrace = TimeSpan.FromMilliseconds(5);
    private readonly CancellationTokenSource _ending = new();
    private readonly ServingBook _book = new(options.Value, time);
    private readonly JobSpec _spec = options.Value.ToSpec();
    private ServingPlan? _plan;
    private long _plannedAt;
    private Task<ServingPlan>? _planning;
    private (long Batches, long Images) _retiredBatches;

    // The cuts of the plan of the activation this one migrated from, used by its first plan.
    private Dictionary<string, FeatureCut>? _carriedCuts;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ = WatchLagAsync();
        drain.Hosts(this.GetGrainId());
        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _ending.Cancel();
        drain.Left(this.GetGrainId());
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (_plan is { } plan)
        {
            dehydrationContext.TryAddValue(CutsKey, plan.Cuts.Current.ToDictionary(StringComparer.Ordinal));
        }
    }

    /// <inheritdoc />
    public void OnRehydrate(IRehydrationContext rehydrationContext) =>
        _carriedCuts = rehydrationContext.TryGetValue<Dictionary<string, FeatureCut>>(CutsKey, out var cuts) ? cuts : null;

    /// <inheritdoc />
    public Task<ServeCounts> GetCountsAsync()
    {
        var (fine, coarse, refused, cancelled, expired) = _book.Outcomes;
        var (batches, images) = _plan?.Batcher.Sent ?? default;
        return Task.FromResult(new ServeCounts(fine, coarse, refused, cancelled, _book.InFlight, batches + _retiredBatches.Batches, images + _retiredBatches.Images, _book.Limit, _book.LagMs, expired));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ImageTrace>> GetTracesAsync(int slowest, TimeSpan within) =>
        Task.FromResult(slowest <= 0 ? traces.All() : traces.Slowest(slowest, within, time.GetUtcNow().UtcDateTime));

    /// <inheritdoc />
    public async Task<ServeReply> ClassifyAsync(ServeRequest request, CancellationToken cancellation = default)
    {
        var takenAt = time.GetTimestamp();
        if (request.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        using var tracer = RequestTracer.Start(time, traces, request.Pixels.Length / ServeRequest.ImageBytes);

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

        if (!_book.TryAdmit(request.Priority))
        {
            return new ServeReply(
                ServeOutcome.Refused, [], Ms(takenAt), _book.RetryAfter(),
                $"the service is full: {_book.InFlight} requests in flight, its limit {_book.Limit} ({request.Priority} priority)");
        }

        var pending = new PendingRequest(request.Pixels, request.Priority, request.Deadline) { Trace = tracer.Sampled };
        var reply = new ServeReply(ServeOutcome.Cancelled, [], 0, Reason: "cancelled by its caller");
        try
        {
            plan.Batcher.Enqueue(pending);
            reply = await AnswerAsync(plan, pending, request.Deadline, cancellation, takenAt);
            return reply = reply with { Parts = tracer.Finish(pending, reply, time.GetUtcNow()) };
        }
        finally
        {
            // Whatever still runs for the request (its fine stage after the deadline) is cancelled once no request of its
            // batch waits, and its room is freed.
            pending.End();
            plan.Batcher.Pump();
            _book.Ended(reply.Outcome, Ms(takenAt));
        }
    }

    private async Task<ServeReply> AnswerAsync(ServingPlan plan, PendingRequest pending, TimeSpan deadline, CancellationToken cancellation, long takenAt)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, plan.Ending);

        // The deadline is the caller's: the time the request has spent here already, and the way back, come off it.
        var answerBy = deadline - time.GetElapsedTime(takenAt) - _book.ReplyMargin(deadline);
        var due = Task.Delay(answerBy > TimeSpan.Zero ? answerBy : TimeSpan.Zero, time, stop.Token);
        if (await Task.WhenAny(pending.Result, due) == pending.Result && pending.Result.IsCompletedSuccessfully &&
            pending.Result.Result is { Done: true, Coarse: { } answered } result)
        {
            return Reply(plan, pending.Count, answered, result.Fine, takenAt);
        }

        if (stop.IsCancellationRequested)
        {
            return new ServeReply(ServeOutcome.Cancelled, [], Ms(takenAt), Reason: cancellation.IsCancellationRequested ? "cancelled by its caller" : "the service stopped");
        }

        // The deadline passed (or the batch ended without both answers): the coarse answer is the anytime answer. It
        // normally came long before; if not even it has come a moment later, the request expires: a late answer is
        // worse than none, and its queued work is cancelled, so that the requests behind it are answered in time.
        await Task.WhenAny(pending.Coarse, pending.Result, Task.Delay(pending.Result.IsCompleted ? TimeSpan.Zero : ExpiryGrace, time, stop.Token));
        if (pending.Coarse.IsCompletedSuccessfully)
        {
            return Reply(plan, pending.Count, pending.Coarse.Result, null, takenAt);
        }

        return stop.IsCancellationRequested
            ? new ServeReply(ServeOutcome.Cancelled, [], Ms(takenAt), Reason: "cancelled by its caller")
            : pending.Result.IsCompleted
                ? new ServeReply(ServeOutcome.Refused, [], Ms(takenAt), NoDeviceRetry, "no device of a role the request needs answered")
                : new ServeReply(ServeOutcome.Expired, [], Ms(takenAt), _book.RetryAfter(),
                    $"no answer by its deadline of {deadline.TotalMilliseconds:0} ms: every device of a role it needs was busy");
    }

    private ServeReply Reply(ServingPlan plan, int count, InferenceResult coarse, InferenceResult? fine, long takenAt)
    {
        var images = new ServedImage[count];
        for (var i = 0; i < count; i++)
        {
            var fineLabel = fine is not null && i < fine.Labels.Length ? fine.Labels[i] : -1;
            images[i] = new ServedImage(
                coarse.Labels[i], coarse.Confidences[i], coarse.DeviceId, fineLabel, fineLabel >= 0 ? fine!.Confidences[i] : float.NaN,
                fineLabel >= 0 ? fine!.DeviceId : null, fineLabel >= 0 ? plan.TierOf(fine!.DeviceId) : null,
                NonEmpty(coarse.Model), fineLabel >= 0 ? NonEmpty(fine!.Model) : null);
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
        var jobId = $"serve-{this.GetPrimaryKeyString()}-{Guid.NewGuid():N}";
        var link = new GrainDeviceLink(GrainFactory, links, time);
        var carried = _carriedCuts;
        _carriedCuts = null;
        IReadOnlyDictionary<string, FeatureCut> cuts;
        if (carried is not null && devices.Profiles.Values.Where(d => !d.Trusted).All(d => carried.ContainsKey(d.Id)))
        {
            // Migrated from a draining silo: its devices are awake and their cuts known.
            cuts = carried;
        }
        else
        {
            cuts = await Task.Run(() => FeatureCuts.Plan(_spec, [.. devices.Profiles.Values], classifiers));
            await DeviceWake.WakeAsync(link, monitor, jobId, devices.Profiles.Values, time);
        }

        var table = new CutTable(cuts);
        var ports = new JobPorts(link, monitor, ServiceOutbox.Instance, time, logger, meter);

        // A stream has no end in sight: the scheme plans with no expected image count.
        var batcher = new RequestBatcher(
            answers => TaskPipeline.Build(jobId, _spec, devices, table, new JobCounters(), new UsageMeter(), answers, ports, expectedImages: 0),
            options.Value, time, _book, _ending.Token);
        var pipeline = batcher.Pipeline;
        var follower = new CutFollower(_spec, [.. devices.Profiles.Values], table, pipeline.Scheme, meter, pipeline.Speeds, classifiers, time, logger);
        var plan = new ServingPlan(devices, batcher, _ending.Token, table, follower);
        new RoomServer(pipeline.Scheme, pipeline.View, ports, $"Inference service {this.GetPrimaryKeyString()}")
            .Start(() => plan.Replaced && pipeline.Scheme.Waiting == 0, _ending.Token);
        if (_plan is { } replaced)
        {
            replaced.Replaced = true;
            _retiredBatches = (_retiredBatches.Batches + replaced.Batcher.Sent.Batches, _retiredBatches.Images + replaced.Batcher.Sent.Images);
        }

        logger.LogInformation("Inference service {Service} serves on {Devices} devices: {Plan}", this.GetPrimaryKeyString(), devices.Profiles.Count, devices.Scheme.Plan);
        return _plan = plan;
    }

    // How late the service's own turns run, every few milliseconds: past saturation, a machine whose cores are all busy
    // delays every answer, and the admission limit must see it before the answers come late. Every so many probes, the
    // plan follows the links as measured.
    private async Task WatchLagAsync()
    {
        for (var probe = 1L; !_ending.IsCancellationRequested; probe++)
        {
            if (probe % LinkReviewProbes == 0)
            {
                _plan?.Links.Review();
            }

            var due = time.GetTimestamp();
            try
            {
                await Task.Delay(LagProbe, time, _ending.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _book.Lagged(Math.Max(0, (time.GetElapsedTime(due) - LagProbe).TotalMilliseconds));
        }
    }

    private double Ms(long since) => time.GetElapsedTime(since).TotalMilliseconds;

    private static string? NonEmpty(string model) => model.Length == 0 ? null : model;
}
