namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Runs one task: picks its devices by the job's scheme (over the live devices, waiting visibly while a role has
/// none, when the method follows the monitor), then its coarse stage and, if the scheme has one, its fine stage.
/// </summary>
internal sealed class TaskRunner(JobDevices devices, IFaultPolicy policy, LiveDevices live, StageRunner stages, StageCaller caller, PrivacyRouter privacy)
{
    private int _assignments;

    /// <summary>The first pass of a task (or its only one).</summary>
    public async Task<TaskResult> RunAsync(ImageTask task, CancellationToken deadline)
    {
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
        // Adaptive's first pass reserved the task's devices when it chose them; each is given back when its stage ends.
        var adaptive = coarseOrder is null ? devices.Adaptive : null;
        var coarse = coarseDone;
        if (coarse is null)
        {
            StageOutcome outcome;
            try
            {
                outcome = await stages.RunAsync(
                    new StageRequest("coarse", task.TaskIndex, coarseDevice, (copy, skip) => caller.ClassifyAsync(copy, copy.Target, batch, skip), coarseOrder), deadline);
            }
            finally
            {
                adaptive?.Returned(coarseDevice, task.Count);
            }

            if (outcome.Result is null)
            {
                return new TaskResult(null, null, false, outcome.Deferred);
            }

            coarse = outcome.Result;
        }

        if (fineDevice is null)
        {
            return new TaskResult(coarse, null, true, false);
        }

        string? reserved = null;
        if (adaptive is not null && fineOrder is null)
        {
            // Chosen now that the coarse stage is done: the queues have moved since the task was assigned.
            var candidates = policy.FollowsMonitor ? adaptive.FineDevices.Where(live.IsLive) : adaptive.FineDevices;
            fineDevice = reserved = adaptive.Reserve(candidates, task.Count) ?? fineDevice;
        }

        try
        {
            var fine = await stages.RunAsync(
                new StageRequest("fine", task.TaskIndex, fineDevice, (copy, skip) => privacy.FineAsync(copy, batch, coarse.DeviceId, skip), fineOrder), deadline);
            return new TaskResult(coarse, fine.Result, fine.Result is not null, fine.Deferred);
        }
        finally
        {
            if (reserved is not null)
            {
                adaptive!.Returned(reserved, task.Count);
            }
        }
    }

    // The paper's schemes assign by task index over the devices the job started with; following the monitor, tasks
    // are assigned in arrival order over the devices live now, waiting while a role the scheme needs has none.
    private async Task<TaskAssignment?> AssignAsync(ImageTask task, CancellationToken deadline)
    {
        if (devices.Adaptive is { } adaptive)
        {
            // One planner for the whole job, so that what it learnt of the devices stays; following the monitor, it
            // chooses among the devices live now. The end device is reserved at once; the fine one is chosen later.
            if (!policy.FollowsMonitor)
            {
                return new TaskAssignment(adaptive.Reserve(adaptive.Devices.End, task.Count)!, adaptive.Choose(adaptive.FineDevices, task.Count));
            }

            string? end = null;
            var found = await live.WaitAsync(
                () => live.Missing() is null && (end = adaptive.Reserve(adaptive.Devices.End.Where(live.IsLive), task.Count)) is not null,
                () => live.Missing() ?? "a live device", deadline);
            return found ? new TaskAssignment(end!, adaptive.Choose(adaptive.FineDevices.Where(live.IsLive), task.Count)) : null;
        }

        if (!policy.FollowsMonitor)
        {
            return devices.Planner.Assign(task.TaskIndex);
        }

        ITaskPlanner? planner = null;
        var ready = await live.WaitAsync(
            () => live.Missing() is null && (planner = devices.PlanOver(live.LiveSet())) is not null,
            () => live.Missing() ?? "a live device", deadline);
        return ready ? planner!.Assign(_assignments++) : null;
    }

    private IReadOnlyList<string> FineDevices() => devices.Spec.Scheme switch
    {
        SchedulingScheme.End => [],
        SchedulingScheme.EndCloud => devices.OfTier(Tier.Cloud),
        SchedulingScheme.Mapping or SchedulingScheme.Adaptive => [.. devices.OfTier(Tier.Edge), .. devices.OfTier(Tier.Cloud)],
        _ => devices.OfTier(Tier.Edge),
    };
}
