using System.Diagnostics;
using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Contracts.Monitoring;
using HeteroOrleans.Grains.Monitoring;
using HeteroOrleans.Grains.Placement;
using HeteroOrleans.Scheduling;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// The task assigner of one job. It lives on an end-tier silo (the paper's assigner is an end device), so the
/// link it emulates for each call is the one from the end tier to the target device.
/// </summary>
/// <remarks>
/// Reentrant so that many tasks are in flight at once (each waits on links and devices most of its time); all
/// state changes happen between awaits on the grain's single thread. Tasks run on their own once submitted:
/// a task that must wait (for the Reassign pass) never holds up the caller.
/// </remarks>
[TierPlacement(Tier.End)]
[Reentrant]
public sealed class JobGrain(ILogger<JobGrain> logger) : Grain, IJobGrain
{
    private static readonly TimeSpan WakeTimeout = TimeSpan.FromSeconds(30);
    private const int ProgressReportEvery = 5;
    private readonly List<ImageTask> _deferred = [];
    private readonly HashSet<string> _suspects = [];
    private JobSpec? _spec;
    private JobDevices? _devices;
    private ResultLedger? _ledger;
    private StageCaller? _caller;
    private SemaphoreSlim? _window;
    private readonly UsageMeter _usage = new();
    private JobState _state = JobState.Pending;
    private long _startedAt;
    private TimeSpan _makespan;
    private readonly HashSet<int> _firstPassSettled = [];
    private readonly HashSet<int> _settled = [];
    private int _retries;
    private int _lostTasks;
    private int _assignments;
    private int _encryptions;
    private int _rawToUntrusted;
    private int _encryptedBatches;
    private IReadOnlyList<string> _encryptors = [];

    private JobSpec Spec => _spec ?? throw new InvalidOperationException($"Job {this.GetPrimaryKeyString()} was never started.");

    /// <inheritdoc />
    public async Task StartAsync(JobSpec spec)
    {
        if (_state != JobState.Pending)
        {
            throw new InvalidOperationException($"Job {this.GetPrimaryKeyString()} is already {_state}.");
        }

        if (spec.BatchSize <= 0 || spec.ImageCount <= 0 || spec.MaxTasksInFlight <= 0 || spec.TimeoutMs < 0)
        {
            throw new ArgumentException(
                $"Batch size ({spec.BatchSize}), image count ({spec.ImageCount}) and tasks in flight ({spec.MaxTasksInFlight}) must be positive, the timeout ({spec.TimeoutMs} ms) not negative.");
        }

        var available = await Monitor.GetAvailableAsync();
        _devices = JobDevices.Select(spec, available);
        _encryptors = Encryptors(spec, _devices);
        await WakeDevicesAsync(_devices);
        _spec = spec;
        _ledger = new ResultLedger(spec.ImageCount);
        _caller = new StageCaller(GrainFactory, spec, _usage);
        _window = new SemaphoreSlim(spec.MaxTasksInFlight);
        _state = JobState.Running;
        _startedAt = Stopwatch.GetTimestamp();
        await ReportProgressAsync();
        logger.LogInformation("Job {Job} started: {Plan}, faults {Faults}, {Images} images in tasks of {Batch}, {Devices} devices",
            this.GetPrimaryKeyString(), _devices.Plan, spec.Faults, spec.ImageCount, spec.BatchSize, _devices.Profiles.Count);
    }

    /// <inheritdoc />
    public async Task SubmitAsync(ImageTask task)
    {
        if (_state != JobState.Running || _window is null)
        {
            throw new InvalidOperationException($"Job {this.GetPrimaryKeyString()} is {_state}; it takes no tasks.");
        }

        await _window.WaitAsync();
        _ = RunTaskAsync(task);
    }

    /// <inheritdoc />
    public Task<JobProgress> GetProgressAsync() =>
        Task.FromResult(new JobProgress(_state, _spec?.TaskCount ?? 0, _settled.Count, _ledger?.Recorded ?? 0));

    /// <inheritdoc />
    public Task<IReadOnlyList<ImageResult>> GetResultsAsync(int firstImageId, int count) =>
        Task.FromResult(_ledger?.Results(firstImageId, count) ?? []);

    /// <inheritdoc />
    public Task CancelAsync()
    {
        if (_state is JobState.Running or JobState.Pending)
        {
            Finish(JobState.Cancelled);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<JobReport> GetReportAsync()
    {
        var spec = Spec;
        var ledger = _ledger!;
        var (missing, missingCount) = ledger.Missing();
        var makespan = _state == JobState.Running ? Stopwatch.GetElapsedTime(_startedAt) : _makespan;
        return Task.FromResult(new JobReport(
            this.GetPrimaryKeyString(), spec, _state, ledger.Recorded, ledger.Duplicates, missing, missingCount,
            ledger.CoarseAccuracy, ledger.FineAccuracy, makespan.TotalMilliseconds, _usage.Snapshot(), _devices!.Plan,
            _caller!.Timeouts, _retries, _lostTasks, _rawToUntrusted, _encryptedBatches, _caller.BytesSent));
    }

    private IDeviceMonitorGrain Monitor => GrainFactory.GetGrain<IDeviceMonitorGrain>(0);

    // EncryptAtEdge needs a trusted edge to run the heads, as soon as the job may send to an untrusted device.
    private static IReadOnlyList<string> Encryptors(JobSpec spec, JobDevices devices)
    {
        if (spec.Privacy != PrivacyMode.EncryptAtEdge || devices.Profiles.Values.All(p => p.Trusted || p.Tier == Tier.End))
        {
            return [];
        }

        var trustedEdges = devices.Profiles.Values.Where(p => p.Tier == Tier.Edge && p.Trusted).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
        return trustedEdges.Count > 0
            ? trustedEdges
            : throw new InvalidOperationException("Privacy EncryptAtEdge needs a trusted edge device to encrypt on, and the job has none.");
    }

    // A device's first call activates it and loads its model, which may take seconds: do that before the clock
    // starts, so that no task's timeout pays for it. A device that does not wake is reported and left to the
    // fault method, like any device that fails later.
    private async Task WakeDevicesAsync(JobDevices devices)
    {
        await Task.WhenAll(devices.Profiles.Values.Select(async profile =>
        {
            try
            {
                await GrainFactory.GetDevice(profile.Tier, profile.Id).PingAsync().WaitAsync(WakeTimeout);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException or InvalidOperationException)
            {
                await Monitor.ReportFailureAsync(profile.Id, $"job {this.GetPrimaryKeyString()}: did not wake within {WakeTimeout.TotalSeconds:F0} s");
            }
        }));
    }

    // Runs outside any request: it must never throw, and always settles its task.
    private async Task RunTaskAsync(ImageTask task)
    {
        var settledNow = true;
        try
        {
            var outcome = await FirstAttemptAsync(task);
            if (outcome == TaskOutcomeKind.Deferred)
            {
                _deferred.Add(task);
                settledNow = false;
            }
            else if (outcome == TaskOutcomeKind.Lost)
            {
                _lostTasks++;
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {Job}: task {Task} failed unexpectedly", this.GetPrimaryKeyString(), task.TaskIndex);
            _lostTasks++;
        }
        finally
        {
            _window!.Release();
            _firstPassSettled.Add(task.TaskIndex);
            if (settledNow)
            {
                Settle(task);
            }

            if (_firstPassSettled.Count == Spec.TaskCount && _deferred.Count > 0)
            {
                _ = ReassignDeferredAsync();
            }
        }
    }

    private async Task<TaskOutcomeKind> FirstAttemptAsync(ImageTask task)
    {
        var batch = new PixelBatch(task.TaskIndex, task.Count, task.Pixels);
        var planner = Spec.Faults == FaultMethod.Monitor ? await LivePlannerAsync() : _devices!.Planner;
        if (planner is null)
        {
            return TaskOutcomeKind.Lost;
        }

        var assignment = planner.Assign(Spec.Faults == FaultMethod.Monitor ? _assignments++ : task.TaskIndex);
        var coarse = await RunStageAsync(assignment.CoarseDevice, batch, coarseDevice: null);
        if (coarse is null)
        {
            return Spec.Faults == FaultMethod.Reassign ? TaskOutcomeKind.Deferred : TaskOutcomeKind.Lost;
        }

        InferenceResult? fine = null;
        if (assignment.FineDevice is { } fineDevice)
        {
            fine = await RunStageAsync(fineDevice, batch, coarse.DeviceId);
            if (fine is null)
            {
                return Spec.Faults == FaultMethod.Reassign ? TaskOutcomeKind.Deferred : TaskOutcomeKind.Lost;
            }
        }

        Record(task, coarse, fine);
        return TaskOutcomeKind.Done;
    }

    // One stage on one device. Under Monitor a device that fails is reported, tasks waiting for it are taken
    // back, and the stage is re-queued at once to a live device of the same role, until one answers or none is left.
    private async Task<InferenceResult?> RunStageAsync(string deviceId, PixelBatch batch, string? coarseDevice)
    {
        var monitored = Spec.Faults == FaultMethod.Monitor;
        while (true)
        {
            var device = deviceId;
            Func<bool>? skip = monitored ? () => _suspects.Contains(device) : null;
            var attempt = coarseDevice is null
                ? await _caller!.TryAsync(_devices!.Profiles[device], batch, skip)
                : await AttemptFineAsync(device, batch, coarseDevice, skip);
            if (attempt.Result is { } result || !monitored)
            {
                return attempt.Result;
            }

            if (!attempt.Skipped)
            {
                _suspects.Add(device);
                await Monitor.ReportFailureAsync(device, $"job {this.GetPrimaryKeyString()}: task {batch.TaskIndex} got no answer");
            }

            var planner = await LivePlannerAsync();
            if (planner is null)
            {
                return null;
            }

            var assignment = planner.Assign(_assignments++);
            deviceId = coarseDevice is null ? assignment.CoarseDevice : assignment.FineDevice!;
            _retries++;
            HeteroMetrics.Retries.Add(1);
        }
    }

    // The fine stage honours the job's privacy: a trusted target gets pixels; an untrusted one gets only the output
    // of its model's encryption head, run by the task's end device or by a trusted edge (raw pixels only when Off).
    private async Task<StageAttempt> AttemptFineAsync(string targetId, PixelBatch batch, string coarseDevice, Func<bool>? skip)
    {
        var target = _devices!.Profiles[targetId];
        if (target.Trusted)
        {
            return await _caller!.TryAsync(target, batch, skip);
        }

        if (Spec.Privacy == PrivacyMode.Off)
        {
            _rawToUntrusted++;
            return await _caller!.TryAsync(target, batch with { UntrustedMaySee = true }, skip);
        }

        var encryptor = Spec.Privacy == PrivacyMode.EncryptAtEdge
            ? _devices.Profiles[_encryptors[_encryptions++ % _encryptors.Count]]
            : _devices.Profiles[coarseDevice];
        if (await _caller!.TryEncryptAsync(encryptor, batch, target.ModelId) is not { } features)
        {
            return default;
        }

        _encryptedBatches++;
        return await _caller.TryFeaturesAsync(target, features, skip);
    }

    // The monitor's list, less the devices this job has just seen fail (the monitor may list them again once
    // they answer its probes; then this job trusts them again too).
    private async Task<ITaskPlanner?> LivePlannerAsync()
    {
        var live = (await Monitor.GetAvailableAsync()).Select(d => d.Profile.Id).ToHashSet();
        _suspects.RemoveWhere(live.Contains);
        live.ExceptWith(_suspects);
        return _devices!.PlanOver(live);
    }

    // The paper's Reassign: once every task had its one pass, each unfinished task goes through all the original
    // devices in turn, whatever their state, until one answers; every dead device on the way costs its timeout.
    private async Task ReassignDeferredAsync()
    {
        var pending = _deferred.ToList();
        _deferred.Clear();
        await Task.WhenAll(pending.Select(async (task, n) =>
        {
            var batch = new PixelBatch(task.TaskIndex, task.Count, task.Pixels);
            var coarse = await ThroughAllAsync(_devices!.OfTier(Tier.End), n, id => _caller!.TryAsync(_devices.Profiles[id], batch));
            var fineTier = Spec.Scheme switch
            {
                SchedulingScheme.EndCloud => Tier.Cloud,
                SchedulingScheme.End => (Tier?)null,
                _ => Tier.Edge,
            };
            var fine = coarse is null || fineTier is null ? null : await ThroughAllAsync(FineDevices(), n, id => AttemptFineAsync(id, batch, coarse.DeviceId, null));
            if (coarse is not null && (fineTier is null || fine is not null))
            {
                Record(task, coarse, fine);
            }
            else
            {
                _lostTasks++;
            }

            Settle(task);
        }));
    }

    private IReadOnlyList<string> FineDevices() => Spec.Scheme switch
    {
        SchedulingScheme.EndCloud => _devices!.OfTier(Tier.Cloud),
        SchedulingScheme.Mapping => _devices!.OfTier(Tier.Edge).Concat(_devices.OfTier(Tier.Cloud)).ToList(),
        _ => _devices!.OfTier(Tier.Edge),
    };

    private async Task<InferenceResult?> ThroughAllAsync(IReadOnlyList<string> devices, int start, Func<string, Task<StageAttempt>> attempt)
    {
        for (var i = 0; i < devices.Count; i++)
        {
            _retries++;
            if ((await attempt(devices[(start + i) % devices.Count])).Result is { } result)
            {
                return result;
            }
        }

        return null;
    }

    private void Record(ImageTask task, InferenceResult coarse, InferenceResult? fine) =>
        _ledger!.Record(task, coarse.Labels, fine?.Labels, coarse.DeviceId, fine?.DeviceId);

    // A task is settled once it has its result or is given up; the same task submitted twice settles once.
    private void Settle(ImageTask task)
    {
        _settled.Add(task.TaskIndex);
        if (_settled.Count % ProgressReportEvery == 0 || _settled.Count == Spec.TaskCount)
        {
            _ = ReportProgressAsync();
        }

        if (_state == JobState.Running && _settled.Count == Spec.TaskCount)
        {
            Finish(_ledger!.IsComplete ? JobState.Completed : JobState.Failed);
        }
    }

    // Live views read jobs from the device monitor; a lost report only makes them a little stale.
    private async Task ReportProgressAsync()
    {
        try
        {
            await Monitor.ReportJobAsync(new JobSummary(
                this.GetPrimaryKeyString(), _devices?.Plan ?? string.Empty, _state, Spec.TaskCount, _settled.Count, _ledger?.Recorded ?? 0, DateTime.UtcNow));
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            logger.LogDebug(e, "Job {Job}: progress report to the device monitor failed", this.GetPrimaryKeyString());
        }
    }

    private void Finish(JobState state)
    {
        _state = state;
        _ = ReportProgressAsync();
        _makespan = Stopwatch.GetElapsedTime(_startedAt);
        logger.LogInformation("Job {Job} {State} in {Seconds:F2} s", this.GetPrimaryKeyString(), state, _makespan.TotalSeconds);
    }

    private enum TaskOutcomeKind
    {
        Done,
        Deferred,
        Lost,
    }
}
