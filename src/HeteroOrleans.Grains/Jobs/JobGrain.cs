using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Utilities;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// The task assigner of one job, and its life cycle. It lives on an end-tier silo (the paper's assigner is an end
/// device), so the link it emulates for each call is the one from the end tier to the target device. Its state is
/// kept in grain storage as it goes: should its silo die, the job comes back on another end-tier silo with every
/// result recorded so far, and the client submits again only the tasks without a result.
/// </summary>
/// <remarks>
/// Reentrant so that many tasks are in flight at once (each waits on links and devices most of its time); all
/// state changes happen between awaits on the grain's single thread.
/// </remarks>
[TierFilter(Tier.End)]
[PreferLocalPlacement]
[Reentrant]
public sealed class JobGrain([PersistentState("job", JobStorage.Name)] IPersistentState<JobRecord> stored, SharedClassifiers classifiers, ILogger<JobGrain> logger)
    : Grain, IJobGrain
{
    private static readonly TimeSpan WakeTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RoomWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FollowerLease = TimeSpan.FromMinutes(1);
    private JobRecord _record = new();
    private JobRun? _run;
    private JobStore? _store;
    private IGrainTimer? _tick;
    private Task? _starting;

    // Clients following the job's answers; a subscription lapses unless renewed, and is not kept across activations.
    private ObserverManager<IJobAnswerObserver>? _followers;

    private ObserverManager<IJobAnswerObserver> Followers => _followers ??= new(FollowerLease, logger);

    // The end of a job is shown only once it is stored, so that a client never reads an end a new activation would not.
    private bool _endStored;

    private string JobId => this.GetPrimaryKeyString();

    // A job's end is shown once it is stored; until then it still reads as running.
    private JobState ShownState => _record.State is JobState.Completed or JobState.Failed or JobState.Cancelled && !_endStored ? JobState.Running : _record.State;

    private JobStore Store => _store ??= new JobStore(stored, Snapshot, logger, JobId);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!stored.RecordExists)
        {
            return;
        }

        // A stored job continues from its record, never from empty: results recorded by an earlier activation stay.
        _record = stored.State;
        _endStored = _record.State != JobState.Running;
        Load();
        if (_record.State == JobState.Running)
        {
            _record.Activations++;
            StartClock();
            await Store.FlushAsync();
            logger.LogInformation("Job {Job} resumed on {Silo} (activation {Activation}): {Recorded} of {Images} images have their result",
                JobId, RuntimeIdentity, _record.Activations, _run!.Ledger.Recorded, _record.Spec!.ImageCount);
        }
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _run?.End();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public async Task StartAsync(JobSpec spec)
    {
        // A client that repeats its start while the first is still waking the devices joins that start.
        if (_starting is { IsCompleted: false } starting)
        {
            await starting;
        }

        if (_record.Spec is not null)
        {
            // A client resuming the job starts it again with the same spec: accepted. Anything else is a mistake.
            if (_record.Spec != spec)
            {
                throw new InvalidOperationException(
                    $"Job {JobId} was started with other options: {string.Join("; ", JobSpecs.Differences(_record.Spec, spec))}. Give the job's own options to resume it.");
            }

            return;
        }

        JobSpecs.Check(spec);
        _starting = StartNewAsync(spec);
        await _starting;
    }

    private async Task StartNewAsync(JobSpec spec)
    {
        // Under Monitor a job takes every device the cluster knows, up or not: tasks for a role whose devices are all
        // down wait for one to come back. The paper's methods take the devices that are up when the job starts.
        var monitor = GrainFactory.GetDeviceMonitor();
        var available = await monitor.GetAvailableAsync();
        var devices = JobDevices.Select(spec, spec.Faults == FaultMethod.Monitor ? await monitor.GetDevicesAsync() : available);
        var record = new JobRecord
        {
            Spec = spec, State = JobState.Running, Devices = [.. devices.Profiles.Values], Plan = devices.Plan, Activations = 1,
        };
        _ = new JobRun(JobId, record, GrainFactory, logger, () => { }); // refuses an impossible privacy set-up before any work
        // Reading a model file and running its graph to find its cuts is blocking work: off the grain's scheduler.
        record.Cuts = await Task.Run(() => FeatureCuts.Plan(spec, record.Devices, classifiers));
        if (record.Cuts.Count > 0)
        {
            record.Plan += $"; {FeatureCuts.Describe(record.Cuts)}";
        }
        var up = available.Select(a => a.Profile.Id).ToHashSet(StringComparer.Ordinal);
        await WakeDevicesAsync(devices.Profiles.Values.Where(p => up.Contains(p.Id)));
        record.StartedUtc = DateTime.UtcNow;
        _record = record;
        Load();
        StartClock();
        await Store.FlushAsync();
        logger.LogInformation("Job {Job} started: {Plan}, faults {Faults}, {Images} images in tasks of {Batch}, {Devices} devices",
            JobId, devices.Plan, spec.Faults, spec.ImageCount, spec.BatchSize, devices.Profiles.Count);
    }

    /// <inheritdoc />
    public async Task<bool> SubmitAsync(ImageTask task)
    {
        switch (_record.State)
        {
            // A job that has ended takes nothing more; its state says why, and its submitter goes on to read the report.
            case JobState.Completed or JobState.Failed or JobState.Cancelled:
                return true;
            case JobState.Running when _run is not null:
                return await _run.TryTakeAsync(task, RoomWait);
            default:
                throw new InvalidOperationException($"Job {JobId} is {_record.State}; it takes no tasks.");
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> GetTasksToSubmitAsync() =>
        Task.FromResult(_record.State == JobState.Running && _run is not null ? _run.Unheld() : (IReadOnlyList<int>)[]);

    /// <inheritdoc />
    public Task<JobProgress> GetProgressAsync()
    {
        var state = ShownState;
        var run = _run;
        var settled = run?.SettledCount ?? 0;
        return Task.FromResult(new JobProgress(
            state, _record.Spec?.TaskCount ?? 0, settled, run?.Ledger.Recorded ?? 0, run?.Held ?? 0, Math.Max(1, _record.Activations),
            state == JobState.Running ? run?.Live.WaitingFor : null, _record.Counters.Hedges, RuntimeIdentity));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ImageResult>> GetResultsAsync(int firstImageId, int count) =>
        Task.FromResult(_run?.Ledger.Results(firstImageId, count) ?? []);

    /// <inheritdoc />
    public Task FollowAsync(IJobAnswerObserver observer)
    {
        Followers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task CancelAsync()
    {
        if (_record.State is JobState.Running or JobState.Pending && _record.Spec is not null)
        {
            await FinishAsync(JobState.Cancelled, "cancelled");
        }
    }

    /// <inheritdoc />
    public Task<JobReport> GetReportAsync()
    {
        var spec = _record.Spec ?? throw new InvalidOperationException($"Job {JobId} was never started.");
        var run = _run!;
        var (missing, missingCount) = run.Ledger.Missing();
        var counters = _record.Counters;
        var state = ShownState;
        var makespan = state == JobState.Running ? (DateTime.UtcNow - _record.StartedUtc).TotalMilliseconds : _record.MakespanMs;
        return Task.FromResult(new JobReport(
            JobId, spec, state, run.Ledger.Recorded, run.Ledger.Duplicates, missing, missingCount,
            run.Ledger.CoarseAccuracy, run.Ledger.FineAccuracy, makespan, run.Usage.Snapshot(), _record.Plan,
            counters.Timeouts, counters.Retries, counters.LostTasks, counters.RawBatchesToUntrusted, counters.EncryptedBatches, counters.BytesSent,
            counters.Hedges, counters.HedgesWon, counters.WastedImages, _record.Activations, counters.Suspicions,
            state == JobState.Running ? null : _record.EndReason, counters.RedoneImages, run.Ledger.Escalated, run.Ledger.KeptCoarseAccuracy,
            run.Devices.Adaptive?.SchedulingTime.TotalMilliseconds ?? 0, run.Latencies.CoarseSummary(), run.Latencies.FineSummary()));
    }

    // Builds this activation's view of the job from its record: a running job's machinery, or an ended job's results.
    private void Load()
    {
        _run = new JobRun(JobId, _record, GrainFactory, logger, () => Store.Changed());
        _record.Counters = _run.Counters;
        _run.Settled = () => _ = FinishAsync(_run.Ledger.IsComplete ? JobState.Completed : JobState.Failed, null);
        _run.Answered = answers =>
        {
            if (_followers is { Count: > 0 } followers)
            {
                followers.Notify(f => f.OnAnswersAsync(answers));
            }
        };
    }

    // Starts a running job's clock: deadline, progress reports, stale writes.
    private void StartClock()
    {
        // The tick keeps a running job active (it may wait minutes for a device with no call coming in); once the job
        // has ended, the tick stops and the grain is collected when idle (its state stays readable in storage).
        _tick = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TickInterval, TickInterval) { Interleave = true, KeepAlive = true });
        if (_run!.AllSettled)
        {
            _ = FinishAsync(_run.Ledger.IsComplete ? JobState.Completed : JobState.Failed, null);
        }
    }

    private async Task TickAsync(CancellationToken cancellation)
    {
        if (Store.Stale)
        {
            // Another activation owns the job now (this one was cut off from the cluster for a while): leave it to that one.
            _run?.End();
            DeactivateOnIdle();
            return;
        }

        if (_record.State == JobState.Running && DateTime.UtcNow - _record.StartedUtc > TimeSpan.FromMilliseconds(_record.Spec!.DeadlineMs))
        {
            var waiting = _run?.Live.WaitingFor is { } what ? $" while its tasks waited for {what}" : string.Empty;
            await FinishAsync(JobState.Failed, $"its deadline of {TimeSpan.FromMilliseconds(_record.Spec.DeadlineMs)} passed{waiting}");
            return;
        }

        await ReportProgressAsync();
    }

    private async Task FinishAsync(JobState state, string? reason)
    {
        if (_record.State != JobState.Running)
        {
            return;
        }

        _record.State = state;
        _record.EndReason = reason;
        _record.MakespanMs = (DateTime.UtcNow - _record.StartedUtc).TotalMilliseconds;
        if (state != JobState.Completed)
        {
            _run?.End();
        }

        await Store.FlushAsync();
        _endStored = !Store.Stale;
        _tick?.Dispose();
        await ReportProgressAsync();
        logger.LogInformation("Job {Job} {State} in {Seconds:F2} s{Reason}", JobId, state, _record.MakespanMs / 1000, reason is null ? string.Empty : $": {reason}");
    }

    private JobRecord Snapshot() => new()
    {
        Spec = _record.Spec,
        State = _record.State,
        StartedUtc = _record.StartedUtc,
        MakespanMs = _record.MakespanMs,
        Devices = _record.Devices,
        Plan = _record.Plan,
        Ledger = _run?.Ledger.Snapshot(),
        Counters = _record.Counters.Copy(),
        Usage = [.. _run?.Usage.Snapshot() ?? []],
        Taken = [.. _run?.Taken ?? []],
        Activations = _record.Activations,
        LostTasks = [.. _run?.Lost ?? []],
        EndReason = _record.EndReason,
        Cuts = _record.Cuts,
        Latencies = _run?.Latencies.Snapshot(),
    };

    // A device's first call activates it and loads its model, which may take seconds: do that before the clock
    // starts, so that no task's time-out pays for it. A device that does not wake is reported and left to the
    // fault method, like any device that fails later.
    private async Task WakeDevicesAsync(IEnumerable<DeviceProfile> devices)
    {
        await Task.WhenAll(devices.Select(async profile =>
        {
            try
            {
                await GrainFactory.GetDevice(profile.Tier, profile.Id).PingAsync().WaitAsync(WakeTimeout);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException or InvalidOperationException)
            {
                await GrainFactory.GetDeviceMonitor().ReportSuspectAsync(profile.Id, $"job {JobId}: did not wake within {WakeTimeout.TotalSeconds:F0} s");
            }
        }));
    }

    // Live views read jobs from the job board; a lost report only makes them a little stale.
    private async Task ReportProgressAsync()
    {
        if (_record.Spec is not { } spec || _run is not { } run)
        {
            return;
        }

        try
        {
            var progress = await GetProgressAsync();
            await GrainFactory.GetJobBoard().ReportAsync(new JobSummary(
                JobId, _record.Plan, progress.State, spec.TaskCount, progress.TasksDone, run.Ledger.Recorded, DateTime.UtcNow,
                progress.WaitingFor, _record.Counters.Hedges, _record.Activations, run.Latencies.CoarseSummary(), run.Latencies.FineSummary()));
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or SiloUnavailableException)
        {
            logger.LogDebug(e, "Job {Job}: progress report to the job board failed", JobId);
        }
    }
}
