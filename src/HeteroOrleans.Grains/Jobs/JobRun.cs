using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// A running job inside one activation of its grain: the tasks it holds, their runs, and what they recorded. Built
/// from the job's stored record, so an activation on another silo continues from the last one's results.
/// </summary>
internal sealed class JobRun
{
    // How often stages waiting for room look again for devices that came back.
    private static readonly TimeSpan RoomRecheck = TimeSpan.FromMilliseconds(100);
    private readonly string _jobId;
    private readonly ILogger _logger;
    private readonly Action _changed;
    private readonly TaskRunner _tasks;
    private readonly SemaphoreSlim _window;
    private readonly Dictionary<int, ImageTask> _held = [];
    private readonly Dictionary<int, long> _takenAt = [];
    private readonly List<(ImageTask Task, InferenceResult? Coarse)> _deferred = [];
    private readonly HashSet<int> _lost;
    private readonly HashSet<int> _taken;
    private readonly CancellationTokenSource _ending = new();
    private bool _secondPassStarted;
    private bool _servingStarted;
    private int _settled;

    public JobRun(string jobId, JobRecord record, IGrainFactory grains, ILogger logger, Action changed)
    {
        (_jobId, _logger, _changed) = (jobId, logger, changed);
        Spec = record.Spec ?? throw new InvalidOperationException($"Job {jobId} has no spec.");
        Devices = JobDevices.Select(Spec, record.Devices.Select(p => new DeviceRegistration(p, string.Empty)).ToList());
        Ledger = record.Ledger is { } stored ? ResultLedger.Restore(stored) : new ResultLedger(Spec.ImageCount);
        Latencies = AnswerLatencies.Restore(record.Latencies, Spec.ImageCount);
        Counters = record.Counters;
        Usage.Restore(record.Usage, Devices.Profiles);
        _lost = [.. record.LostTasks];
        _taken = [.. record.Taken];
        var policy = FaultPolicies.For(Spec.Faults);
        var monitor = grains.GetDeviceMonitor();
        Live = new LiveDevices(monitor, Devices, policy.FollowsMonitor);
        var timeouts = new DeviceTimeouts(TimeSpan.FromMilliseconds(Spec.TimeoutMs));
        foreach (var profile in Devices.Profiles.Values)
        {
            timeouts.Expect(profile.Id, profile.MsPerImage);
        }

        var caller = new StageCaller(grains, Spec, jobId, Usage, timeouts, Counters, Devices.Adaptive);
        var privacy = new PrivacyRouter(Spec, Devices, Live, caller, Counters, record.Cuts);
        var stages = new StageRunner(policy, Devices, Live, caller, Counters, monitor, jobId, logger);
        _tasks = new TaskRunner(Devices, policy, Live, stages, caller, privacy)
        {
            CoarseAnswered = (task, coarse) =>
            {
                var waited = SinceTaken(task);
                Latencies.Coarse(task.FirstImageId, task.Count, waited);
                Publish(task, AnswerStage.Coarse, coarse, waited);
            },
        };
        _window = new SemaphoreSlim(Spec.MaxTasksInFlight);
        if (Devices.Adaptive is { } adaptive)
        {
            adaptive.Available = Live.IsLive;
            adaptive.ExpectedImages = Spec.ImageCount;
        }

        _settled = Enumerable.Range(0, Spec.TaskCount).Count(IsSettled);
    }

    public JobSpec Spec { get; }

    public JobDevices Devices { get; }

    public ResultLedger Ledger { get; }

    /// <summary>How long each image waited for its coarse and fine answers.</summary>
    public AnswerLatencies Latencies { get; }

    public JobCounters Counters { get; }

    public UsageMeter Usage { get; } = new();

    public LiveDevices Live { get; }

    public IReadOnlyCollection<int> Lost => _lost;

    /// <summary>Tasks this job has taken in, in this activation or an earlier one.</summary>
    public IReadOnlyCollection<int> Taken => _taken;

    /// <summary>Tasks this activation holds: running, waiting for a device, or deferred.</summary>
    public int Held => _held.Count;

    /// <summary>Called with each task's answers of a stage as they come, for the job's followers.</summary>
    public Action<IReadOnlyList<ImageAnswer>>? Answered { get; set; }

    /// <summary>Called when every task has settled (a result or given up).</summary>
    public Action? Settled { get; set; }

    /// <summary>True when task <paramref name="index"/> has every result, or was given up.</summary>
    public bool IsSettled(int index) => _lost.Contains(index) || Ledger.Has(index * Spec.BatchSize, ImagesOf(index));

    /// <summary>Tasks with every result, or given up.</summary>
    public int SettledCount => _settled;

    public bool AllSettled => _settled == Spec.TaskCount;

    /// <summary>The tasks without a result that this activation does not hold.</summary>
    public IReadOnlyList<int> Unheld() => Enumerable.Range(0, Spec.TaskCount).Where(i => !IsSettled(i) && !_held.ContainsKey(i)).ToList();

    /// <summary>Takes a task in when there is room within <paramref name="wait"/>; true when held (or nothing is left to do for it).</summary>
    public async Task<bool> TryTakeAsync(ImageTask task, TimeSpan wait)
    {
        if (task.TaskIndex < 0 || task.TaskIndex >= Spec.TaskCount)
        {
            throw new ArgumentOutOfRangeException(nameof(task), $"Job {_jobId} has tasks 0 to {Spec.TaskCount - 1}; task {task.TaskIndex} is not one of them.");
        }

        var expected = ImagesOf(task.TaskIndex);
        if (task.FirstImageId != task.TaskIndex * Spec.BatchSize || task.Count != expected || task.Pixels.Length != expected * Contracts.Devices.PixelBatch.ImageBytes)
        {
            throw new ArgumentException(
                $"Task {task.TaskIndex} of job {_jobId} must hold images {task.TaskIndex * Spec.BatchSize} to {task.TaskIndex * Spec.BatchSize + expected - 1}; it holds {task.Count} from {task.FirstImageId}.");
        }

        if (IsSettled(task.TaskIndex) || _held.ContainsKey(task.TaskIndex))
        {
            return true;
        }

        if (!await _window.WaitAsync(wait))
        {
            return false;
        }

        if (IsSettled(task.TaskIndex) || _held.ContainsKey(task.TaskIndex) || _ending.IsCancellationRequested)
        {
            _window.Release();
            return true;
        }

        _held[task.TaskIndex] = task;
        _takenAt[task.TaskIndex] = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!_taken.Add(task.TaskIndex))
        {
            // An earlier activation held it and died before its result was stored: its work is done again.
            Counters.RedoneImages += task.Count;
        }

        _changed();
        KeepServingRoom();
        _ = FirstPassAsync(task);
        return true;
    }

    /// <summary>Stops everything this activation runs: waiting tasks give up, running copies are cancelled.</summary>
    public void End()
    {
        _ending.Cancel();
        _held.Clear();
        _deferred.Clear();
    }

    // Runs outside any request: it must never throw, and always settles or defers its task.
    private async Task FirstPassAsync(ImageTask task)
    {
        try
        {
            var result = await _tasks.RunAsync(task, _ending.Token);
            if (result.Deferred && !_ending.IsCancellationRequested)
            {
                _deferred.Add((task, result.Coarse));
            }
            else
            {
                Settle(task, result);
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Job {Job}: task {Task} failed unexpectedly", _jobId, task.TaskIndex);
            Settle(task, default);
        }
        finally
        {
            _window.Release();
            StartSecondPassWhenDue();
        }
    }

    // The paper's Reassign: once every task had its one pass, the deferred ones go through all devices in turn.
    private void StartSecondPassWhenDue()
    {
        // Deferred tasks are held and unsettled, each once: together with the settled ones they make every task.
        if (_secondPassStarted || _deferred.Count == 0 || _settled + _deferred.Count < Spec.TaskCount)
        {
            return;
        }

        _secondPassStarted = true;
        foreach (var ((task, coarse), turn) in _deferred.Select((d, i) => (d, i)).ToList())
        {
            _ = SecondPassAsync(task, coarse, turn);
        }

        _deferred.Clear();
    }

    private async Task SecondPassAsync(ImageTask task, Contracts.Devices.InferenceResult? coarse, int turn)
    {
        try
        {
            Settle(task, await _tasks.RunSecondPassAsync(task, coarse, turn, _ending.Token));
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Job {Job}: task {Task} failed unexpectedly in the second pass", _jobId, task.TaskIndex);
            Settle(task, default);
        }
    }

    // A task is settled once it has its result or is given up; its pixels are dropped then.
    private void Settle(ImageTask task, TaskResult result)
    {
        if (_ending.IsCancellationRequested || !_held.Remove(task.TaskIndex))
        {
            return;
        }

        var wasSettled = IsSettled(task.TaskIndex);

        if (result.Done)
        {
            if (result.Fine is { } fine)
            {
                var waited = SinceTaken(task);
                Latencies.Fine(task.FirstImageId, fine.Labels, waited);
                Publish(task, AnswerStage.Fine, fine, waited);
            }

            Ledger.Record(task, result.Coarse!.Labels, result.Fine?.Labels, result.Coarse.DeviceId, result.Fine?.DeviceId);
        }
        else if (_lost.Add(task.TaskIndex))
        {
            Counters.LostTasks++;
        }

        _takenAt.Remove(task.TaskIndex);

        if (!wasSettled && IsSettled(task.TaskIndex))
        {
            _settled++;
        }

        _changed();
        if (AllSettled)
        {
            Settled?.Invoke();
        }
    }

    // A task's answers of a stage, for the job's followers; images not sent on to the fine stage have no fine answer.
    private void Publish(ImageTask task, AnswerStage stage, InferenceResult result, double waited)
    {
        if (Answered is not { } answered)
        {
            return;
        }

        var answers = new List<ImageAnswer>(task.Count);
        for (var i = 0; i < task.Count && i < result.Labels.Length; i++)
        {
            if (result.Labels[i] >= 0)
            {
                answers.Add(new ImageAnswer(task.FirstImageId + i, stage, result.Labels[i], result.Confidences[i], result.DeviceId, waited));
            }
        }

        if (answers.Count > 0)
        {
            answered(answers);
        }
    }

    // Milliseconds since this activation took the task in: what the user who submitted it has waited.
    private double SinceTaken(ImageTask task) =>
        _takenAt.TryGetValue(task.TaskIndex, out var at) ? System.Diagnostics.Stopwatch.GetElapsedTime(at).TotalMilliseconds : double.NaN;

    // Under Adaptive, stages that wait for room are handed it as devices free up; a device that comes back frees none,
    // so while any stage waits, the job re-reads the live devices every so often and hands out what they have room for.
    private void KeepServingRoom()
    {
        if (_servingStarted || Devices.Adaptive is not { } adaptive)
        {
            return;
        }

        _servingStarted = true;
        _ = ServeRoomAsync(adaptive);
    }

    private async Task ServeRoomAsync(AdaptivePlanner adaptive)
    {
        try
        {
            while (!_ending.IsCancellationRequested && !AllSettled)
            {
                await Task.Delay(RoomRecheck, _ending.Token);
                if (adaptive.Waiting == 0)
                {
                    Live.NoteWaiting(null);
                    continue;
                }

                await Live.RefreshAsync();
                Live.NoteWaiting(Live.Missing());
                adaptive.Serve();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Job {Job}: handing out room to waiting stages failed", _jobId);
        }
    }

    private int ImagesOf(int taskIndex) => Math.Min(Spec.BatchSize, Spec.ImageCount - taskIndex * Spec.BatchSize);
}
