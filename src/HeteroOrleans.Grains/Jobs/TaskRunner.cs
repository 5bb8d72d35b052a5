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
        var coarse = coarseDone;
        if (coarse is null)
        {
            var outcome = await stages.RunAsync(
                new StageRequest("coarse", task.TaskIndex, coarseDevice, (copy, skip) => caller.ClassifyAsync(copy, copy.Target, batch, skip), coarseOrder), deadline);
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

        if (devices.Adaptive is { } adaptive && fineOrder is null)
        {
            // Chosen again now that the coarse stage is done: the queues have moved since the task was assigned.
            var candidates = policy.FollowsMonitor ? adaptive.FineDevices.Where(live.IsLive) : adaptive.FineDevices;
            fineDevice = adaptive.Choose(candidates, task.Count) ?? fineDevice;
        }

        var fine = await stages.RunAsync(
            new StageRequest("fine", task.TaskIndex, fineDevice, (copy, skip) => privacy.FineAsync(copy, batch, coarse.DeviceId, skip), fineOrder), deadline);
        return new TaskResult(coarse, fine.Result, fine.Result is not null, fine.Deferred);
    }

    // The paper's schemes assign by task index over the devices the job started with; following the monitor, tasks
    // are assigned in arrival order over the devices live now, waiting while a role the scheme needs has none.
    private async Task<TaskAssignment?> AssignAsync(ImageTask task, CancellationToken deadline)
    {
        if (!policy.FollowsMonitor)
        {
            return devices.Planner.Assign(task.TaskIndex);
        }

        if (devices.Adaptive is { } adaptive)
        {
            // One planner for the whole job, so that what it learnt of the devices stays; it chooses among the live ones.
            string? end = null;
            var found = await live.WaitAsync(
                () => live.Missing() is null && (end = adaptive.Choose(adaptive.Devices.End.Where(live.IsLive), task.Count)) is not null,
                () => live.Missing() ?? "a live device", deadline);
            return found ? new TaskAssignment(end!, adaptive.Choose(adaptive.FineDevices.Where(live.IsLive), task.Count)) : null;
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
