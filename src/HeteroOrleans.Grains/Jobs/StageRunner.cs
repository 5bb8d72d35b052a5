using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Runs one stage of one task to its end under the job's fault policy: sends the first copy, and as copies go late
/// or fail, hedges, retries elsewhere, waits for a device, defers or gives up, as the policy decides. The first answer
/// wins; copies that lose are cancelled (work their device had not started is dropped) and their work is counted as wasted.
/// </summary>
internal sealed class StageRunner(
    IFaultPolicy policy, JobDevices devices, LiveDevices live, StageCaller caller, JobCounters counters, IDeviceMonitorGrain monitor, string jobId, ILogger logger)
{
    // A stage whose copies keep meeting errors that are not device failures is given up after this many, rather
    // than retried until the deadline.
    private const int MaxErrors = 3;
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromMilliseconds(500);
    private int _picks;

    public async Task<StageOutcome> RunAsync(StageRequest request, CancellationToken deadline)
    {
        var run = new Run(request);
        var first = request.Order?.FirstOrDefault() ?? request.Device;
        if (policy.FollowsMonitor)
        {
            await live.RefreshAsync();
            if (!live.IsLive(first) && await WaitForPeerAsync(run, deadline) is { } peer)
            {
                first = peer;
            }
        }

        Start(run, first, backup: false);
        var jobEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var ending = deadline.Register(() => jobEnded.TrySetResult());
        while (true)
        {
            // While every copy straggles, look again now and then: a device to back them up may have come back.
            var allLate = run.Copies.All(run.LateSeen.Contains);
            await Task.WhenAny(run.Copies.Select(c => (Task)c.Answer)
                .Concat(run.Copies.Where(c => !run.LateSeen.Contains(c)).Select(c => c.Late))
                .Append(allLate ? Task.Delay(RecheckEvery) : jobEnded.Task));
            if (deadline.IsCancellationRequested)
            {
                CancelAll(run);
                return StageOutcome.Lost;
            }

            foreach (var copy in run.Copies.Where(c => c.Answer.IsCompleted).ToList())
            {
                run.Copies.Remove(copy);
                if (await copy.Answer is { } result)
                {
                    Win(run, copy);
                    return new StageOutcome(result, false);
                }

                if (await OnFailedAsync(run, copy, deadline) is { } ended)
                {
                    CancelAll(run);
                    return ended;
                }
            }

            foreach (var copy in run.Copies.Where(c => c.IsLate && run.LateSeen.Add(c)).ToList())
            {
                await OnLateAsync(run, copy);
            }

            if (allLate && run.Copies.Count > 0 && run.Copies.All(run.LateSeen.Contains))
            {
                await live.RefreshAsync();
                Hedge(run, policy.OnLate(new StageSituation(run.Copies.Count - 1, Pick(run) is not null)));
            }
        }
    }

    // A copy that failed: the device at fault is suspected, and the policy says what comes next. Null: go on.
    private async Task<StageOutcome?> OnFailedAsync(Run run, StageCopy copy, CancellationToken deadline)
    {
        if (!copy.Skipped && copy.FailedDevice is { } device)
        {
            await SuspectAsync(device, $"{run.Request.Stage} stage of task {run.Request.TaskIndex}: {copy.FailureReason ?? "no answer"}");
        }

        if (copy.Error is { } error && ++run.Errors >= MaxErrors && run.Copies.Count == 0)
        {
            logger.LogError(error, "Job {Job}: {Stage} stage of task {Task} gave up after {Errors} errors", jobId, run.Request.Stage, run.Request.TaskIndex, run.Errors);
            return StageOutcome.Lost;
        }

        var decision = policy.OnFailed(new StageSituation(run.Copies.Count, Pick(run) is not null, run.Request.Order is not null));
        switch (decision)
        {
            case StageDecision.KeepWaiting:
                return null;
            case StageDecision.Defer:
                return StageOutcome.Defer;
            case StageDecision.Lose:
                return StageOutcome.Lost;
        }

        var next = decision == StageDecision.RetryElsewhere ? Pick(run) : null;
        next ??= await WaitForPeerAsync(run, deadline);
        if (next is null)
        {
            return StageOutcome.Lost;
        }

        counters.Retries++;
        HeteroMetrics.Retries.Add(1);
        Start(run, next, backup: false);
        return null;
    }

    private async Task OnLateAsync(Run run, StageCopy copy)
    {
        counters.Timeouts++;
        await SuspectAsync(copy.LateDevice!, $"{run.Request.Stage} stage of task {run.Request.TaskIndex} passed its time-out");
        var others = run.Copies.Count(c => c != copy && !c.Answer.IsCompleted);
        var decision = policy.OnLate(new StageSituation(others, Pick(run) is not null, run.Request.Order is not null));
        Hedge(run, decision);
        switch (decision)
        {
            case StageDecision.Abandon:
                // The paper's time-out: the copy is given up, and counts as a failure of the device that went late.
                copy.FailedDevice ??= copy.LateDevice;
                copy.FailureReason ??= "passed its time-out";
                copy.Skipped = false;
                copy.Cancel();
                break;
        }
    }

    private void Hedge(Run run, StageDecision decision)
    {
        if (decision == StageDecision.Hedge && Pick(run) is { } backup)
        {
            counters.Hedges++;
            HeteroMetrics.Hedges.Add(1);
            Start(run, backup, backup: true);
        }
    }

    private void Start(Run run, string deviceId, bool backup)
    {
        var copy = new StageCopy(devices.Profiles[deviceId], backup);
        run.Tried.Add(deviceId);
        Func<bool>? skip = policy.FollowsMonitor ? () => !live.IsLive(deviceId) : null;
        copy.Answer = run.Request.Send(copy, skip);
        run.Copies.Add(copy);
    }

    // The first answer wins; the others are cancelled, and those already sent count as wasted work.
    private void Win(Run run, StageCopy winner)
    {
        if (winner.IsBackup)
        {
            counters.HedgesWon++;
        }

        foreach (var loser in run.Copies)
        {
            if (loser.Sent)
            {
                counters.WastedImages += loser.Images;
            }

            loser.Cancel();
        }

        run.Copies.Clear();
    }

    private static void CancelAll(Run run)
    {
        foreach (var copy in run.Copies)
        {
            copy.Cancel();
        }
    }

    // Where the stage may go next: Reassign's second pass takes the devices in turn, each once; Monitor takes a live
    // device of the same role, untried ones first, then the least loaded (under Adaptive, the one that would finish first); None has nowhere to go.
    private string? Pick(Run run)
    {
        if (run.Request.Order is { } order)
        {
            return order.FirstOrDefault(id => !run.Tried.Contains(id));
        }

        if (!policy.FollowsMonitor)
        {
            return null;
        }

        var running = run.Copies.Where(c => !c.Answer.IsCompleted).Select(c => c.Target.Id).ToHashSet(StringComparer.Ordinal);
        if (devices.Adaptive is { } planner && live.Peers(run.Request.Device) is { Count: > AdaptivePlanner.ExactChoiceLimit } many
            && planner.ChooseAmong(many, devices.Spec.BatchSize, id => running.Contains(id) || run.Tried.Contains(id)) is { } untried)
        {
            // Thousands of peers: the first to finish among a sample of the live untried ones, rather than a sort of all.
            return untried;
        }

        var peers = live.LivePeers(run.Request.Device).Where(id => !running.Contains(id)).ToList();
        var turn = _picks++;
        return peers
            .Select((id, i) => (id, rank: (i + turn) % Math.Max(1, peers.Count)))
            .OrderBy(p => run.Tried.Contains(p.id))
            .ThenBy(p => devices.Adaptive is { } adaptive ? adaptive.FinishMs(p.id, devices.Spec.BatchSize) : caller.Load(p.id))
            .ThenBy(p => p.rank)
            .Select(p => p.id)
            .FirstOrDefault();
    }

    private async Task<string?> WaitForPeerAsync(Run run, CancellationToken deadline)
    {
        var tier = devices.Profiles[run.Request.Device].Tier;
        string? found = null;
        await live.WaitAsync(() => (found = Pick(run)) is not null, () => $"{(tier == Tier.Cloud ? "a" : "an")} {tier} device", deadline);
        return found;
    }

    private async Task SuspectAsync(string deviceId, string reason)
    {
        if (!live.Suspect(deviceId))
        {
            return;
        }

        counters.Suspicions++;
        logger.LogInformation("Job {Job}: {Device} suspected: {Reason}", jobId, deviceId, reason);
        try
        {
            await monitor.ReportSuspectAsync(deviceId, $"job {jobId}: {reason}");
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or SiloUnavailableException)
        {
            // The monitor may be moving to another silo; its probes will judge the device without this report.
        }
    }

    private sealed class Run(StageRequest request)
    {
        public StageRequest Request { get; } = request;

        public List<StageCopy> Copies { get; } = [];

        public HashSet<string> Tried { get; } = new(StringComparer.Ordinal);

        public HashSet<StageCopy> LateSeen { get; } = [];

        public int Errors { get; set; }
    }
}
