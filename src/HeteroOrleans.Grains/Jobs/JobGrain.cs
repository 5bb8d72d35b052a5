using System.Diagnostics;
using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Contracts.Monitoring;
using HeteroOrleans.Grains.Links;
using HeteroOrleans.Grains.Placement;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// The task assigner of one job. It lives on an end-tier silo (the paper's assigner is an end device), so the
/// link it emulates for each call is the one from the end tier to the target device.
/// </summary>
/// <remarks>
/// Reentrant so that many tasks are in flight at once (each waits on links and devices most of its time);
/// all state changes happen between awaits on the grain's single thread.
/// </remarks>
[TierPlacement(Tier.End)]
[Reentrant]
public sealed class JobGrain(ILogger<JobGrain> logger) : Grain, IJobGrain
{
    private const long LabelBytesPerImage = 8;
    private JobSpec? _spec;
    private JobDevices? _devices;
    private readonly Dictionary<string, SemaphoreSlim> _lanes = new();
    private ResultLedger? _ledger;
    private readonly UsageMeter _usage = new();
    private JobState _state = JobState.Pending;
    private long _startedAt;
    private TimeSpan _makespan;
    private int _tasksDone;

    /// <inheritdoc />
    public async Task StartAsync(JobSpec spec)
    {
        if (_state != JobState.Pending)
        {
            throw new InvalidOperationException($"Job {this.GetPrimaryKeyString()} is already {_state}.");
        }

        if (spec.BatchSize <= 0 || spec.ImageCount <= 0)
        {
            throw new ArgumentException($"Batch size ({spec.BatchSize}) and image count ({spec.ImageCount}) must be positive.");
        }

        var available = await GrainFactory.GetGrain<IDeviceMonitorGrain>(0).GetDevicesAsync();
        _devices = JobDevices.Select(spec, available);
        _spec = spec;
        _ledger = new ResultLedger(spec.ImageCount);
        _state = JobState.Running;
        _startedAt = Stopwatch.GetTimestamp();
        logger.LogInformation("Job {Job} started: {Scheme}, {Images} images in tasks of {Batch}, {Devices} devices",
            this.GetPrimaryKeyString(), spec.Scheme, spec.ImageCount, spec.BatchSize, _devices.Profiles.Count);
    }

    /// <inheritdoc />
    public async Task<TaskOutcome> ProcessTaskAsync(ImageTask task)
    {
        if (_state != JobState.Running || _devices is null || _ledger is null)
        {
            throw new InvalidOperationException($"Job {this.GetPrimaryKeyString()} is {_state}; it takes no tasks.");
        }

        var assignment = _devices.Planner.Assign(task.TaskIndex);
        var batch = new PixelBatch(task.TaskIndex, task.Count, task.Pixels);
        var coarse = await RunStageAsync(assignment.CoarseDevice, batch);
        var fine = assignment.FineDevice is { } fineDevice ? await RunStageAsync(fineDevice, batch) : null;

        _ledger.Record(task, coarse.Labels, fine?.Labels);
        _tasksDone++;
        if (_ledger.IsComplete && _state == JobState.Running)
        {
            _state = JobState.Completed;
            _makespan = Stopwatch.GetElapsedTime(_startedAt);
        }

        return new TaskOutcome(task.TaskIndex, coarse.Labels, fine?.Labels, coarse.DeviceId, fine?.DeviceId);
    }

    /// <inheritdoc />
    public Task<JobProgress> GetProgressAsync() =>
        Task.FromResult(new JobProgress(_state, _spec?.TaskCount ?? 0, _tasksDone, _ledger?.Recorded ?? 0));

    /// <inheritdoc />
    public Task CancelAsync()
    {
        if (_state is JobState.Running or JobState.Pending)
        {
            _state = JobState.Cancelled;
            _makespan = Stopwatch.GetElapsedTime(_startedAt);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<JobReport> GetReportAsync()
    {
        var spec = _spec ?? throw new InvalidOperationException($"Job {this.GetPrimaryKeyString()} was never started.");
        var ledger = _ledger!;
        var (missing, missingCount) = ledger.Missing();
        var makespan = _state == JobState.Running ? Stopwatch.GetElapsedTime(_startedAt) : _makespan;
        return Task.FromResult(new JobReport(
            this.GetPrimaryKeyString(), spec, _state, ledger.Recorded, ledger.Duplicates, missing, missingCount,
            ledger.CoarseAccuracy, ledger.FineAccuracy, makespan.TotalMilliseconds, _usage.Snapshot(), _devices!.Plan));
    }

    // The paper's schemes occupy a device for a whole task, link included (its evaluation sends each task as one
    // blocking request), so each device takes one task at a time and the next waits in its lane.
    private async Task<InferenceResult> RunStageAsync(string deviceId, PixelBatch batch)
    {
        var profile = _devices!.Profiles[deviceId];
        var lane = _lanes.TryGetValue(deviceId, out var existing) ? existing : _lanes[deviceId] = new SemaphoreSlim(1);
        await lane.WaitAsync();
        try
        {
            var device = GrainFactory.GetDevice(profile.Tier, deviceId);
            await LinkDelay.WaitAsync(profile.Link, batch.Pixels.Length);
            var result = await device.ClassifyAsync(batch);
            await LinkDelay.WaitAsync(profile.Link, batch.Count * LabelBytesPerImage);
            _usage.Add(profile, result, batch.Count);
            return result;
        }
        finally
        {
            lane.Release();
        }
    }
}
