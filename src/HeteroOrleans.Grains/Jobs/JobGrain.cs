using HeteroOrleans.Grains.Links;
using HeteroOrleans.Grains.Silos;
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
public sealed class JobGrain(
    [PersistentState("job", JobStorage.Name)] IPersistentState<JobRecord> stored, SharedClassifiers classifiers, SiloDrain drain, EmulatedLinks links, LinkMeter meter,
    TimeProvider time, ILogger<JobGrain> logger)
    : Grain, IJobGrain
{
    private static readonly TimeSpan RoomWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LinkReview = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan FollowerLease = TimeSpan.FromMinutes(1);
    private JobLife _life = new();
    private JobExecution? _execution;
    private CutFollower? _linkFollower;
    private DeviceJoiner? _joiner;
    private IGrainTimer? _followLinks;
    private JobStore? _store;
    private IGrainTimer? _tick;
    private Task? _starting;

    // Clients following the job's answers; a subscription lapses unless renewed, and is not kept across activations.
    private ObserverManager<IJobAnswerObserver>? _followers;

    // The end of a job is shown only once it is stored, so that a client never reads an end a new activation would not.
    private bool _endStored;

    private ObserverManager<IJobAnswerObserver> Followers => _followers ??= new(FollowerLease, logger);

    private string JobId => this.GetPrimaryKeyString();

    // A job's end is shown once it is stored; until then it still reads as running.
    private JobState ShownState => _life.Ended && !_endStored ? JobState.Running : _life.State;

    private JobStore Store => _store ??= new JobStore(stored, () => _life.ToRecord(_execution?.Results), logger, JobId, time);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!stored.RecordExists)
        {
            return;
        }

        // A stored job continues from its record, never from empty: results recorded by an earlier activation stay.
        _life = JobLife.From(stored.State);
        _endStored = _life.State != JobState.Running;
        _execution = JobEngine.Build(JobId, stored.State, Ports());
        if (_life.State == JobState.Running)
        {
            drain.Hosts(this.GetGrainId());
            _life.Activations++;
            StartClock();
            await Store.FlushAsync();
            logger.LogInformation("Job {Job} resumed on {Silo} (activation {Activation}): {Recorded} of {Images} images have their result",
                JobId, RuntimeIdentity, _life.Activations, _execution.Results.Ledger.Recorded, _life.Spec!.ImageCount);
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _execution?.End();

        // Leaving on purpose (its silo drains, or stops): the results recorded since the last write go with it, so that
        // the next activation redoes none of them. A store that does not answer in time costs only that redoing.
        if (_store is { } store && _life.State == JobState.Running)
        {
            try
            {
                await store.FlushAsync().WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        drain.Left(this.GetGrainId());
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public async Task StartAsync(JobSpec spec)
    {
        // A client that repeats its start while the first is still waking the devices joins that start.
        if (_starting is { IsCompleted: false } starting)
        {
            await starting;
        }

        if (_life.Spec is not null)
        {
            // A client resuming the job starts it again with the same spec: accepted. Anything else is a mistake.
            if (_life.Spec != spec)
            {
                throw new InvalidOperationException(
                    $"Job {JobId} was started with other options: {string.Join("; ", JobSpecs.Differences(_life.Spec, spec))}. Give the job's own options to resume it.");
            }

            return;
        }

        JobSpecs.Check(spec);
        _starting = StartNewAsync(spec);
        await _starting;
    }

    // The devices are chosen, the scheme planned and the privacy checked once, before any work.
    private async Task StartNewAsync(JobSpec spec)
    {
        var monitor = GrainFactory.GetDeviceMonitor();
        var available = await monitor.GetAvailableAsync();
        var starting = FaultPolicies.For(spec.Faults).StartingDevices(await monitor.GetDevicesAsync(), available);
        var devices = JobDevices.Select(spec, [.. starting.Select(d => d.Profile)], time);
        PrivacyRouter.Check(spec, [.. devices.Profiles.Values]);
        var life = new JobLife { Spec = spec, State = JobState.Running, Devices = [.. devices.Profiles.Values], Plan = devices.Scheme.Plan, Activations = 1 };

        // Reading a model file and running its graph to find its cuts is blocking work: off the grain's scheduler.
        life.Cuts = await Task.Run(() => FeatureCuts.Plan(spec, life.Devices, classifiers));
        if (life.Cuts.Count > 0)
        {
            life.Plan += $"; {FeatureCuts.Describe(life.Cuts)}";
        }

        var up = available.Select(a => a.Profile.Id).ToHashSet(StringComparer.Ordinal);
        await DeviceWake.WakeAsync(new GrainDeviceLink(GrainFactory, links, time), GrainFactory.GetDeviceMonitor(), JobId, devices.Profiles.Values.Where(p => up.Contains(p.Id)), time);
        life.StartedUtc = time.GetUtcNow().UtcDateTime;
        _life = life;
        drain.Hosts(this.GetGrainId());
        _execution = JobEngine.Build(JobId, life.ToRecord(null), Ports(), devices);
        StartClock();
        await Store.FlushAsync();
        logger.LogInformation("Job {Job} started: {Plan}, faults {Faults}, {Images} images in tasks of {Batch}, {Devices} devices",
            JobId, life.Plan, spec.Faults, spec.ImageCount, spec.BatchSize, devices.Profiles.Count);
    }

    /// <inheritdoc />
    public async Task<bool> SubmitAsync(ImageTask task) => _life.State switch
    {
        // A job that has ended takes nothing more; its state says why, and its submitter goes on to read the report.
        JobState.Completed or JobState.Failed or JobState.Cancelled => true,
        JobState.Running when _execution is not null => await _execution.TryTakeAsync(task, RoomWait),
        _ => throw new InvalidOperationException($"Job {JobId} is {_life.State}; it takes no tasks."),
    };

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> GetTasksToSubmitAsync() =>
        Task.FromResult(_life.State == JobState.Running && _execution is not null ? _execution.Unheld() : (IReadOnlyList<int>)[]);

    /// <inheritdoc />
    public Task<JobProgress> GetProgressAsync()
    {
        var (state, run) = (ShownState, _execution);
        return Task.FromResult(new JobProgress(
            state, _life.Spec?.TaskCount ?? 0, run?.SettledCount ?? 0, run?.Results.Ledger.Recorded ?? 0, run?.Held ?? 0, Math.Max(1, _life.Activations),
            state == JobState.Running ? run?.View.WaitingFor : null, run?.Results.Counters.Hedges ?? 0, RuntimeIdentity));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ImageResult>> GetResultsAsync(int firstImageId, int count) =>
        Task.FromResult(_execution?.Results.Ledger.Results(firstImageId, count) ?? []);

    /// <inheritdoc />
    public Task FollowAsync(IJobAnswerObserver observer)
    {
        Followers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task CancelAsync()
    {
        if (_life.State is JobState.Running or JobState.Pending && _life.Spec is not null)
        {
            await FinishAsync(JobState.Cancelled, "cancelled");
        }
    }

    /// <inheritdoc />
    public Task<JobReport> GetReportAsync() => _life.Spec is null
        ? throw new InvalidOperationException($"Job {JobId} was never started.")
        : Task.FromResult(JobReports.Of(JobId, _life, _execution!, ShownState, time.GetUtcNow().UtcDateTime));

    private JobPorts Ports() => new(new GrainDeviceLink(GrainFactory, links, time), GrainFactory.GetDeviceMonitor(), new Outbox(this), time, logger, meter);

    // Starts a running job's clock: deadline, progress reports, stale writes.
    private void StartClock()
    {
        // The tick keeps a running job active (it may wait minutes for a device with no call coming in); once the job
        // has ended, the tick stops and the grain is collected when idle (its state stays readable in storage).
        _tick = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TickInterval, TickInterval) { Interleave = true, KeepAlive = true });

        // The plan follows the links as measured and the devices that join, within a fraction of a second.
        _linkFollower = new CutFollower(_life.Spec!, _life.Devices, _execution!.Results.Cuts, _execution.Scheme, meter, _execution.Speeds, classifiers, time, logger);
        _joiner = new DeviceJoiner(JobId, _life.Spec!, _execution, _life.Devices, _linkFollower, classifiers, logger);
        _followLinks = this.RegisterGrainTimer(FollowWorld, new GrainTimerCreationOptions(LinkReview, LinkReview) { Interleave = true });
        if (_execution!.AllSettled)
        {
            _ = FinishAsync(_execution.Results.Ledger.IsComplete ? JobState.Completed : JobState.Failed, null);
        }
    }

    // The plan takes in devices that joined (each stored with the job as it is added) and follows the measured links.
    private async Task FollowWorld(CancellationToken cancellation)
    {
        await _joiner!.AdmitAsync();
        if (_linkFollower!.Review().Count > 0)
        {
            Store.Changed();
        }
    }

    private async Task TickAsync(CancellationToken cancellation)
    {
        if (Store.Stale)
        {
            // Another activation owns the job now (this one was cut off from the cluster for a while): leave it to that one.
            _execution?.End();
            DeactivateOnIdle();
            return;
        }

        if (_life.State == JobState.Running && time.GetUtcNow().UtcDateTime - _life.StartedUtc > _life.Spec!.Deadline)
        {
            var waiting = _execution?.View.WaitingFor is { } what ? $" while its tasks waited for {what}" : string.Empty;
            await FinishAsync(JobState.Failed, $"its deadline of {_life.Spec.Deadline} passed{waiting}");
            return;
        }

        await ReportProgressAsync();
    }

    private async Task FinishAsync(JobState state, string? reason)
    {
        if (_life.State != JobState.Running)
        {
            return;
        }

        (_life.State, _life.EndReason) = (state, reason);
        _life.MakespanMs = (time.GetUtcNow().UtcDateTime - _life.StartedUtc).TotalMilliseconds;
        if (state != JobState.Completed)
        {
            _execution?.End();
        }

        await Store.FlushAsync();
        _endStored = !Store.Stale;
        _tick?.Dispose();
        _followLinks?.Dispose();
        await ReportProgressAsync();
        logger.LogInformation("Job {Job} {State} in {Seconds:F2} s{Reason}", JobId, state, _life.MakespanMs / 1000, reason is null ? string.Empty : $": {reason}");
    }

    // Live views read jobs from the job board; a lost report only makes them a little stale.
    private async Task ReportProgressAsync()
    {
        if (_life.Spec is not null && _execution is { } run)
        {
            await JobBoardReports.SendAsync(GrainFactory.GetJobBoard(), JobId, _life, run, await GetProgressAsync(), time.GetUtcNow().UtcDateTime, logger);
        }
    }

    // What the running job tells this grain: store, tell followers, finish.
    private sealed class Outbox(JobGrain grain) : IJobOutbox
    {
        public void Changed() => grain.Store.Changed();

        public void Publish(IReadOnlyList<ImageAnswer> answers)
        {
            if (grain._followers is { Count: > 0 } followers)
            {
                followers.Notify(f => f.OnAnswersAsync(answers));
            }
        }

        public void Settled() => _ = grain.FinishAsync(grain._execution!.Results.Ledger.IsComplete ? JobState.Completed : JobState.Failed, null);
    }
}
