using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Runs one stage of one task to its end under the job's fault policy: sends the first copy, and as copies go late
/// or fail, lets the policy decide and carry out what comes next (hedge, retry elsewhere, wait for a device, defer, give
/// up). The first answer wins; copies that lose are cancelled (work their device had not started is dropped) and their
/// work is counted as wasted.
/// </summary>
internal sealed class StageRunner(
    FaultPolicy policy, IJobScheme scheme, IDeviceView view, IReadOnlyDictionary<string, DeviceProfile> profiles, StageCaller caller,
    JobCounters counters, IDeviceMonitorGrain monitor, JobSpec spec, string jobId, ILogger logger, TimeProvider time)
{
    // A stage whose copies keep meeting errors that are not device failures is given up after this many, rather
    // than retried until the deadline.
    private const int MaxErrors = 3;
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromMilliseconds(500);
    private int _picks;

    // What a stage being run reaches of its runner.
    private JobCounters Counters => counters;

    private IDeviceView View => view;

    private IReadOnlyDictionary<string, DeviceProfile> Profiles => profiles;

    public async Task<StageOutcome> RunAsync(StageRequest request, CancellationToken deadline)
    {
        var run = new StageRun(this, request, deadline);
        var first = request.Order?.FirstOrDefault() ?? request.Device;
        await view.RefreshAsync();
        if (!view.IsLive(first) && await run.WaitForPeerAsync() is { } peer)
        {
            first = peer;
        }

        run.Start(first, backup: false);
        var jobEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var ending = deadline.Register(() => jobEnded.TrySetResult());
        while (true)
        {
            // While every copy straggles, look again now and then: a device to back them up may have come back.
            var allLate = run.Copies.All(run.LateSeen.Contains);
            await Task.WhenAny(run.Copies.Select(c => (Task)c.Answer)
                .Concat(run.Copies.Where(c => !run.LateSeen.Contains(c)).Select(c => c.Late))
                .Append(allLate ? Task.Delay(RecheckEvery, time) : jobEnded.Task));
            if (deadline.IsCancellationRequested)
            {
                run.CancelAll();
                return StageOutcome.Lost;
            }

            foreach (var copy in run.Copies.Where(c => c.Answer.IsCompleted).ToList())
            {
                run.Copies.Remove(copy);
                if (await copy.Answer is { } result)
                {
                    run.Win(copy);
                    return new StageOutcome(result, false);
                }

                if (copy.Expired)
                {
                    // Its answer could no longer come in time, nor would another copy's: the stage ends unanswered.
                    run.CancelAll();
                    return copy.DroppedByDevice ? StageOutcome.TooLate : StageOutcome.Lost;
                }

                if (await OnFailedAsync(run, copy) is { } ended)
                {
                    run.CancelAll();
                    return ended;
                }
            }

            foreach (var copy in run.Copies.Where(c => c.IsLate && run.LateSeen.Add(c)).ToList())
            {
                counters.Timeouts++;
                await SuspectAsync(copy.LateDevice!, $"{request.Stage} stage of task {request.TaskIndex} passed its time-out");
                policy.HandleLate(run, copy);
            }

            if (allLate && run.Copies.Count > 0 && run.Copies.All(run.LateSeen.Contains))
            {
                await view.RefreshAsync();
                policy.HandleStraggling(run);
            }
        }
    }

    // A copy that failed: the device at fault is suspected, and the policy says what comes next. Null: go on.
    private async Task<StageOutcome?> OnFailedAsync(StageRun run, StageCopy copy)
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

        return await policy.HandleFailedAsync(run);
    }

    // Where the stage may go next: the second pass takes the devices in its order, each once; otherwise a live device of
    // the same role, untried ones first, then the best placed by the scheme's measure, then in turn.
    private string? Pick(StageRun run)
    {
        if (run.Request.Order is { } order)
        {
            return order.FirstOrDefault(id => !run.Tried.Contains(id));
        }

        var running = run.Copies.Where(c => !c.Answer.IsCompleted).Select(c => c.Target.Id).ToHashSet(StringComparer.Ordinal);
        if (scheme.ChooseBackup(scheme.PeersOf(run.Request.Device), spec.BatchSize, id => running.Contains(id) || run.Tried.Contains(id) || !view.IsLive(id)) is { } sampled)
        {
            return sampled;
        }

        var peers = view.LivePeers(run.Request.Device).Where(id => !running.Contains(id)).ToList();
        var turn = _picks++;
        return peers
            .Select((id, i) => (id, rank: (i + turn) % Math.Max(1, peers.Count)))
            .OrderBy(p => run.Tried.Contains(p.id))
            .ThenBy(p => scheme.BackupRank(p.id, spec.BatchSize, caller.Load(p.id)))
            .ThenBy(p => p.rank)
            .Select(p => p.id)
            .FirstOrDefault();
    }

    private async Task SuspectAsync(string deviceId, string reason)
    {
        if (!view.Suspect(deviceId))
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

    // One stage being run: its copies, and what the fault policy may do to it.
    private sealed class StageRun(StageRunner runner, StageRequest request, CancellationToken deadline) : IStageControl
    {
        public StageRequest Request { get; } = request;

        public List<StageCopy> Copies { get; } = [];

        public HashSet<string> Tried { get; } = new(StringComparer.Ordinal);

        public HashSet<StageCopy> LateSeen { get; } = [];

        public int Errors { get; set; }

        public bool SecondPass => Request.Order is not null;

        public int Running(StageCopy? except = null) => Copies.Count(c => c != except && !c.Answer.IsCompleted);

        public bool OtherDeviceAvailable() => runner.Pick(this) is not null;

        public void Hedge()
        {
            if (runner.Pick(this) is { } backup)
            {
                runner.Counters.Hedges++;
                HeteroMetrics.Hedges.Add(1);
                Start(backup, backup: true);
            }
        }

        // The paper's time-out: the copy is given up, and counts as a failure of the device that went late.
        public void Abandon(StageCopy copy)
        {
            copy.FailedDevice ??= copy.LateDevice;
            copy.FailureReason ??= "passed its time-out";
            copy.Skipped = false;
            copy.Cancel();
        }

        public async Task<bool> RetryAsync(bool elsewhereNow)
        {
            var next = (elsewhereNow ? runner.Pick(this) : null) ?? await WaitForPeerAsync();
            if (next is null)
            {
                return false;
            }

            runner.Counters.Retries++;
            HeteroMetrics.Retries.Add(1);
            Start(next, backup: false);
            return true;
        }

        public async Task<string?> WaitForPeerAsync()
        {
            var tier = runner.Profiles[Request.Device].Tier;
            string? found = null;
            await runner.View.WaitAsync(() => (found = runner.Pick(this)) is not null, () => $"{(tier == Tier.Cloud ? "a" : "an")} {tier} device", deadline);
            return found;
        }

        public void Start(string deviceId, bool backup)
        {
            var copy = new StageCopy(runner.Profiles[deviceId], backup, Request.AnswerBy);
            Tried.Add(deviceId);
            copy.Answer = Request.Sender.SendAsync(copy, () => !runner.View.IsLive(deviceId));
            Copies.Add(copy);
        }

        // The first answer wins; the others are cancelled, and those already sent count as wasted work.
        public void Win(StageCopy winner)
        {
            if (winner.IsBackup)
            {
                runner.Counters.HedgesWon++;
            }

            foreach (var loser in Copies)
            {
                if (loser.Sent)
                {
                    runner.Counters.WastedImages += loser.Images;
                }

                loser.Cancel();
            }

            Copies.Clear();
        }

        public void CancelAll()
        {
            foreach (var copy in Copies)
            {
                copy.Cancel();
            }
        }
    }
}
