namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Runs one task: picks its devices by the job's scheme (over the live devices, waiting visibly while a role has
/// none, when the method follows the monitor), then its coarse stage and, if the scheme has one, its fine stage for
/// the images the job escalates. Under Adaptive each stage is placed when a device has room for it, and both stages
/// start at once when every image is escalated.
/// </summary>
internal sealed class TaskRunner(JobDevices devices, IFaultPolicy policy, LiveDevices live, StageRunner stages, StageCaller caller, PrivacyRouter privacy)
{
    private int _assignments;

    /// <summary>Called on the job's thread when a task's coarse stage first answers, before its fine stage may end.</summary>
    public Action<ImageTask, InferenceResult>? CoarseAnswered { get; init; }

    /// <summary>The first pass of a task (or its only one).</summary>
    public async Task<TaskResult> RunAsync(ImageTask task, CancellationToken deadline)
    {
        if (devices.Adaptive is { } adaptive)
        {
            return await RunAdaptiveAsync(adaptive, task, deadline);
        }

        var assignment = await AssignAsync(task, deadline);
        if (assignment is not { } devicesFor)
        {
            return default;
        }

        return await StagesAsync(task, devicesFor.CoarseDevice, devicesFor.FineDevice, null, null, null, deadline);
    }

    /// <summary>
    /// Reassign's second pass for the <paramref name="turn"/>-th deferred task: each stage still to do goes through
    /// the job's devices of its role in turn, starting a device further for each task, until one answers.
    /// </summary>
    public Task<TaskResult> RunSecondPassAsync(ImageTask task, InferenceResult? coarseDone, int turn, CancellationToken deadline)
    {
        var coarseOrder = ReassignPolicy.SecondPassOrder(devices.Set.End, turn).ToList();
        var fineDevices = FineDevices();
        var fineOrder = fineDevices.Count == 0 ? null : ReassignPolicy.SecondPassOrder(fineDevices, turn).ToList();
        return StagesAsync(task, coarseOrder[0], fineOrder?[0], coarseDone, coarseOrder, fineOrder, deadline);
    }

    private async Task<TaskResult> StagesAsync(
        ImageTask task, string coarseDevice, string? fineDevice, InferenceResult? coarseDone,
        IReadOnlyList<string>? coarseOrder, IReadOnlyList<string>? fineOrder, CancellationToken deadline)
    {
        var batch = new PixelBatch(task.TaskIndex, task.Count, task.Pixels);
        var coarse = coarseDone;
        if (coarse is null)
        {
            var outcome = await CoarseAsync(task, batch, coarseDevice, coarseOrder, deadline);
            if (outcome.Result is null)
            {
                return new TaskResult(null, null, false, outcome.Deferred);
            }

            coarse = outcome.Result;
        }

        if (fineDevice is null || EscalationFilter.Select(devices.Spec, coarse, batch) is not ({ } escalated, var positions))
        {
            return new TaskResult(coarse, null, true, false);
        }

        var fine = await FineAsync(task, escalated, fineDevice, coarse.DeviceId, fineOrder, deadline);
        return Joined(task, coarse, fine, positions);
    }

    private static TaskResult Joined(ImageTask task, InferenceResult coarse, StageOutcome fine, int[] positions) =>
        new(coarse, fine.Result is { } answer ? EscalationFilter.Expand(answer, positions, task.Count) : null, fine.Result is not null, fine.Deferred);

    // Adaptive's first pass: each stage goes to the live device of its role that would finish it first, once one has
    // room in its window, and is reserved there until it ends. The fine stage needs the task's pixels, not its coarse
    // answer, so both stages go at once: the upper tiers work from the job's first moment instead of waiting for the end
    // devices' first answers.
    private async Task<TaskResult> RunAdaptiveAsync(AdaptivePlanner adaptive, ImageTask task, CancellationToken deadline)
    {
        var batch = new PixelBatch(task.TaskIndex, task.Count, task.Pixels);
        var coarseRun = AdaptiveStageAsync(adaptive, StageKind.Coarse, task.Count, deadline,
            device => CoarseAsync(task, batch, device, null, deadline));
        if (devices.Spec.Escalate != Escalation.All)
        {
            // Which images go on is known only from the coarse answer: the stages run one after the other.
            var first = await coarseRun;
            if (first.Result is not { } coarseAnswer)
            {
                return new TaskResult(null, null, false, first.Deferred);
            }

            if (EscalationFilter.Select(devices.Spec, coarseAnswer, batch) is not ({ } escalated, var positions))
            {
                return new TaskResult(coarseAnswer, null, true, false);
            }

            var escalatedFine = await AdaptiveStageAsync(adaptive, StageKind.Fine, escalated.Count, deadline,
                device => FineAsync(task, escalated, device, coarseAnswer.DeviceId, null, deadline));
            return Joined(task, coarseAnswer, escalatedFine, positions);
        }

        // The task's end device is not known yet: the privacy router picks a live trusted encryptor itself, and this one
        // only should none be live.
        var fallbackEncryptor = adaptive.Devices.End[task.TaskIndex % adaptive.Devices.End.Count];
        var fineRun = AdaptiveStageAsync(adaptive, StageKind.Fine, task.Count, deadline,
            device => FineAsync(task, batch, device, fallbackEncryptor, null, deadline));
        var (coarse, fine) = (await coarseRun, await fineRun);
        return coarse.Result is null
            ? new TaskResult(null, null, false, coarse.Deferred)
            : new TaskResult(coarse.Result, fine.Result, fine.Result is not null, fine.Deferred);
    }

    // Waits, in arrival order, for a live device of the stage with room; the job hands room out as devices come back.
    private static async Task<StageOutcome> AdaptiveStageAsync(
        AdaptivePlanner adaptive, StageKind stage, int images, CancellationToken deadline, Func<string, Task<StageOutcome>> run) =>
        await adaptive.ReserveAsync(stage, images, deadline) is { } reservation
            ? await Reserved(adaptive, reservation, run(reservation.DeviceId))
            : StageOutcome.Lost;

    private static async Task<StageOutcome> Reserved(AdaptivePlanner adaptive, Reservation reservation, Task<StageOutcome> stage)
    {
        StageOutcome outcome = default;
        try
        {
            return outcome = await stage;
        }
        finally
        {
            adaptive.Release(reservation, answered: outcome.Result?.DeviceId == reservation.DeviceId);
        }
    }

    private async Task<StageOutcome> CoarseAsync(ImageTask task, PixelBatch batch, string device, IReadOnlyList<string>? order, CancellationToken deadline)
    {
        var outcome = await stages.RunAsync(
            new StageRequest("coarse", task.TaskIndex, device, (copy, skip) => caller.ClassifyAsync(copy, copy.Target, batch, skip), order), deadline);
        if (outcome.Result is { } answer)
        {
            CoarseAnswered?.Invoke(task, answer);
        }

        return outcome;
    }

    // The encryption head, where the target needs one, runs on a trusted device of the job's privacy mode.
    private Task<StageOutcome> FineAsync(ImageTask task, PixelBatch batch, string device, string endDevice, IReadOnlyList<string>? order, CancellationToken deadline) =>
        stages.RunAsync(new StageRequest("fine", task.TaskIndex, device, (copy, skip) => privacy.FineAsync(copy, batch, endDevice, skip), order), deadline);

    // The paper's schemes assign by task index over the devices the job started with; following the monitor, tasks
    // are assigned in arrival order over the devices live now, waiting while a role the scheme needs has none. Of the
    // scheme's next turns, the one whose end device holds the fewest of the job's stages goes first: with every device
    // keeping up, that is much the scheme's own round robin; after a failure, the devices that took the failed one's
    // tasks are not left a task behind the others for the rest of the job (Table 5: 1.05 × the bound at one failure
    // with the plain round robin, 1.02 with this).
    private async Task<TaskAssignment?> AssignAsync(ImageTask task, CancellationToken deadline)
    {
        if (!policy.FollowsMonitor)
        {
            return devices.Planner.Assign(task.TaskIndex);
        }

        ITaskPlanner? planner = null;
        var ready = await live.WaitAsync(
            () => live.Missing() is null && (planner = devices.PlanOver(live.LiveSet())) is not null,
            () => live.Missing() ?? "a live device", deadline);
        if (!ready)
        {
            return null;
        }

        var turn = _assignments++;
        return Enumerable.Range(turn, live.LiveSet().End.Count).Select(planner!.Assign).MinBy(a => caller.Load(a.CoarseDevice));
    }

    private IReadOnlyList<string> FineDevices() => devices.Spec.Scheme switch
    {
        SchedulingScheme.End => [],
        SchedulingScheme.EndCloud => devices.OfTier(Tier.Cloud),
        SchedulingScheme.Mapping or SchedulingScheme.Adaptive => [.. devices.OfTier(Tier.Edge), .. devices.OfTier(Tier.Cloud)],
        _ => devices.OfTier(Tier.Edge),
    };
}
