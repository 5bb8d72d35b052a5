namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Runs one task: places its stages as the job's scheme and device view decide (by the task's index, or over the live
/// devices; each stage at once, or once a device of its role has room), then its coarse stage and, if the scheme has one,
/// its fine stage for the images the job escalates. Where the scheme allows, both stages start at once when every image
/// is escalated.
/// </summary>
internal sealed class TaskRunner(
    IJobScheme scheme, FaultPolicy policy, IDeviceView view, StageRunner stages, StageCaller caller, PrivacyRouter privacy, JobSpec spec, ICoarseAnswers answers)
{
    private readonly EscalationFilter _escalation = new(spec);

    /// <summary>The confidence threshold below which images go on to the fine stage now (learnt, under a budget).</summary>
    public double EscalationThreshold => _escalation.Threshold;

    /// <summary>
    /// The first pass of a task (or its only one); <paramref name="answerBy"/>: when its answers are wanted (a timestamp of
    /// the job's clock; 0, the default: no deadline): work that could no longer answer by then is not done.
    /// </summary>
    public async Task<TaskResult> RunAsync(ImageTask task, CancellationToken deadline, long answerBy = 0)
    {
        if (await view.PlaceAsync(task.TaskIndex, caller.Load, deadline) is not { } placement)
        {
            return default;
        }

        var batch = new PixelBatch(task.TaskIndex, task.Count, task.Pixels, Priority: task.Priority);
        var hasFine = scheme.DevicesFor(StageKind.Fine).Count > 0;
        if (hasFine && scheme.FineStartsWithCoarse && spec.Escalate == Escalation.All)
        {
            // The fine stage needs the task's pixels, not its coarse answer: both stages go at once, so that the upper tiers
            // work from the job's first moment. The task's end device is not known yet: the privacy router picks a live
            // trusted encryptor itself, and this one only should none be live.
            var encryptor = scheme.Devices.End[task.TaskIndex % scheme.Devices.End.Count];
            var coarseRun = PlacedAsync(placement, StageKind.Coarse, task.Count, deadline, device => CoarseAsync(task, batch, device, null, deadline, answerBy));
            var fineRun = PlacedAsync(placement, StageKind.Fine, task.Count, deadline, device => FineAsync(task, batch, device, encryptor, null, deadline, answerBy));
            var (coarse, fine) = (await coarseRun, await fineRun);
            return coarse.Result is null
                ? new TaskResult(null, null, false, coarse.Deferred)
                : new TaskResult(coarse.Result, fine.Result, fine.Result is not null, fine.Deferred) { Late = fine.Late };
        }

        var first = await PlacedAsync(placement, StageKind.Coarse, task.Count, deadline, device => CoarseAsync(task, batch, device, null, deadline, answerBy));
        if (first.Result is not { } coarseAnswer)
        {
            return new TaskResult(null, null, false, first.Deferred);
        }

        // Which images go on is known only from the coarse answer.
        if (!hasFine || _escalation.Select(coarseAnswer, batch) is not ({ } escalated, var positions))
        {
            return new TaskResult(coarseAnswer, null, true, false);
        }

        var fineOutcome = await PlacedAsync(placement, StageKind.Fine, escalated.Count, deadline,
            device => FineAsync(task, escalated, device, coarseAnswer.DeviceId, null, deadline, answerBy));
        return Joined(task, coarseAnswer, fineOutcome, positions);
    }

    /// <summary>
    /// A deferred task's second pass, for the <paramref name="turn"/>-th deferred task: each stage still to do goes
    /// through the job's devices of its role in the order the fault policy gives, until one answers.
    /// </summary>
    public async Task<TaskResult> RunSecondPassAsync(ImageTask task, InferenceResult? coarseDone, int turn, CancellationToken deadline)
    {
        var coarseOrder = policy.SecondPassOrder(scheme.DevicesFor(StageKind.Coarse), turn) ?? scheme.DevicesFor(StageKind.Coarse);
        var fineDevices = scheme.DevicesFor(StageKind.Fine);
        var fineOrder = fineDevices.Count == 0 ? null : policy.SecondPassOrder(fineDevices, turn) ?? fineDevices;
        var batch = new PixelBatch(task.TaskIndex, task.Count, task.Pixels, Priority: task.Priority);
        var coarse = coarseDone;
        if (coarse is null)
        {
            var outcome = await CoarseAsync(task, batch, coarseOrder[0], coarseOrder, deadline);
            if (outcome.Result is null)
            {
                return new TaskResult(null, null, false, outcome.Deferred);
            }

            coarse = outcome.Result;
        }

        if (fineOrder is null || _escalation.Select(coarse, batch) is not ({ } escalated, var positions))
        {
            return new TaskResult(coarse, null, true, false);
        }

        return Joined(task, coarse, await FineAsync(task, escalated, fineOrder[0], coarse.DeviceId, fineOrder, deadline), positions);
    }

    private static TaskResult Joined(ImageTask task, InferenceResult coarse, StageOutcome fine, int[] positions) =>
        new(coarse, fine.Result is { } answer ? EscalationFilter.Expand(answer, positions, task.Count) : null, fine.Result is not null, fine.Deferred) { Late = fine.Late };

    // Places a stage, runs it, and gives its place back once it ends.
    private static async Task<StageOutcome> PlacedAsync(
        ITaskPlacement placement, StageKind stage, int images, CancellationToken deadline, Func<string, Task<StageOutcome>> run)
    {
        if (await placement.PlaceAsync(stage, images, deadline) is not { } place)
        {
            return StageOutcome.Lost;
        }

        StageOutcome outcome = default;
        try
        {
            return outcome = await run(place.DeviceId);
        }
        finally
        {
            placement.Release(place, answered: outcome.Result?.DeviceId == place.DeviceId);
        }
    }

    private async Task<StageOutcome> CoarseAsync(
        ImageTask task, PixelBatch batch, string device, IReadOnlyList<string>? order, CancellationToken deadline, long answerBy = 0)
    {
        var outcome = await stages.RunAsync(new StageRequest("coarse", task.TaskIndex, device, new CoarseSender(caller, batch), order, answerBy), deadline);
        if (outcome.Result is { } answer)
        {
            answers.Answered(task, answer);
        }

        return outcome;
    }

    // The encryption head, where the target needs one, runs on a trusted device of the job's privacy mode.
    private Task<StageOutcome> FineAsync(
        ImageTask task, PixelBatch batch, string device, string endDevice, IReadOnlyList<string>? order, CancellationToken deadline, long answerBy = 0) =>
        stages.RunAsync(new StageRequest("fine", task.TaskIndex, device, new FineSender(privacy, batch, endDevice), order, answerBy), deadline);
}
