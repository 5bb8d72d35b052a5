using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// A running job inside one activation of its grain: the tasks it holds, their passes, and what they recorded
/// (<see cref="Results"/>). Built by <see cref="JobEngine"/> from the job's stored record, so that an activation on
/// another silo continues from the last one's results.
/// </summary>
internal sealed class JobExecution
{
    private readonly string _jobId;
    private readonly JobAnswers _answers;
    private readonly TaskRunner _tasks;
    private readonly IJobScheme _scheme;
    private readonly TaskPipeline _pipeline;
    private readonly JobPorts _ports;
    private readonly SemaphoreSlim _window;
    private readonly Dictionary<int, ImageTask> _held = [];
    private readonly List<(ImageTask Task, InferenceResult? Coarse)> _deferred = [];
    private readonly CancellationTokenSource _ending = new();
    private readonly RoomServer _room;
    private bool _secondPassStarted;
    private int _settled;

    public JobExecution(string jobId, JobSpec spec, JobResults results, JobAnswers answers, TaskPipeline pipeline, JobPorts ports)
    {
        (_jobId, Spec, Results, _answers, _pipeline, _ports) = (jobId, spec, results, answers, pipeline, ports);
        (_tasks, _scheme, View) = (pipeline.Tasks, pipeline.Scheme, pipeline.View);
        _window = new SemaphoreSlim(Spec.MaxTasksInFlight);
        _room = new RoomServer(_scheme, View, ports, $"Job {jobId}");
        _settled = Enumerable.Range(0, Spec.TaskCount).Count(IsSettled);
    }

    public JobSpec Spec { get; }

    /// <summary>How the job places its stages, and what it has learnt of its devices.</summary>
    public IJobScheme Scheme => _scheme;

    /// <summary>Each device's time per image as its answers show it.</summary>
    public DeviceTimeouts Speeds => _pipeline.Speeds;

    /// <summary>What the job has done so far.</summary>
    public JobResults Results { get; }

    /// <summary>The job's view of its devices.</summary>
    public IDeviceView View { get; }

    /// <summary>The confidence threshold below which images go on to the fine stage now.</summary>
    public double EscalationThreshold => _tasks.EscalationThreshold;

    /// <summary>The scheme's own time choosing devices.</summary>
    public TimeSpan SchedulingTime => _scheme.SchedulingTime;

    /// <summary>Tasks this activation holds: running, waiting for a device, or deferred.</summary>
    public int Held => _held.Count;

    /// <summary>True when task <paramref name="index"/> has every result, or was given up.</summary>
    public bool IsSettled(int index) => Results.Lost.Contains(index) || Results.Ledger.Has(index * Spec.BatchSize, ImagesOf(index));

    /// <summary>Tasks with every result, or given up.</summary>
    public int SettledCount => _settled;

    public bool AllSettled => _settled == Spec.TaskCount;

    /// <summary>The tasks without a result that this activation does not hold.</summary>
    public IReadOnlyList<int> Unheld() => [.. Enumerable.Range(0, Spec.TaskCount).Where(i => !IsSettled(i) && !_held.ContainsKey(i))];

    /// <summary>Takes a task in when there is room within <paramref name="wait"/>; true when held (or nothing is left to do for it).</summary>
    public async Task<bool> TryTakeAsync(ImageTask task, TimeSpan wait)
    {
        if (task.TaskIndex < 0 || task.TaskIndex >= Spec.TaskCount)
        {
            throw new ArgumentOutOfRangeException(nameof(task), $"Job {_jobId} has tasks 0 to {Spec.TaskCount - 1}; task {task.TaskIndex} is not one of them.");
        }

        var expected = ImagesOf(task.TaskIndex);
        if (task.FirstImageId != task.TaskIndex * Spec.BatchSize || task.Count != expected || task.Pixels.Length != expected * PixelBatch.ImageBytes)
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
        _answers.Taken(task);
        if (!Results.Taken.Add(task.TaskIndex))
        {
            // An earlier activation held it and died before its result was stored: its work is done again.
            Results.Counters.RedoneImages += task.Count;
        }

        _ports.Outbox.Changed();
        _room.Start(() => AllSettled, _ending.Token);
        _ = FirstPassAsync(task);
        return true;
    }

    /// <summary>
    /// Adds <paramref name="profile"/>, a device that joined the cluster, to the job's plan (cut at <paramref name="cut"/>
    /// when untrusted); false when the job's scheme cannot take it.
    /// </summary>
    public bool Join(DeviceProfile profile, FeatureCut? cut)
    {
        if (!_pipeline.Join(profile, cut))
        {
            return false;
        }

        Results.Joined(new DeviceJoin(_ports.Time.GetUtcNow(), profile.Id, profile.Tier));
        _ports.Outbox.Changed();
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
            _ports.Logger.LogError(e, "Job {Job}: task {Task} failed unexpectedly", _jobId, task.TaskIndex);
            Settle(task, default);
        }
        finally
        {
            _window.Release();
            StartSecondPassWhenDue();
        }
    }

    // Tasks the fault policy deferred go again once every task had its first pass (the paper's Reassign).
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

    private async Task SecondPassAsync(ImageTask task, InferenceResult? coarse, int turn)
    {
        try
        {
            Settle(task, await _tasks.RunSecondPassAsync(task, coarse, turn, _ending.Token));
        }
        catch (Exception e)
        {
            _ports.Logger.LogError(e, "Job {Job}: task {Task} failed unexpectedly in the second pass", _jobId, task.TaskIndex);
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
                _answers.FineAnswered(task, fine);
            }

            Results.Ledger.Record(task, result.Coarse!.Labels, result.Fine?.Labels, result.Coarse.DeviceId, result.Fine?.DeviceId, result.Coarse.Model, result.Fine?.Model);
        }
        else if (Results.Lost.Add(task.TaskIndex))
        {
            Results.Counters.LostTasks++;
        }

        _answers.Forget(task);
        if (!wasSettled && IsSettled(task.TaskIndex))
        {
            _settled++;
        }

        _ports.Outbox.Changed();
        if (AllSettled)
        {
            _ports.Outbox.Settled();
        }
    }

    private int ImagesOf(int taskIndex) => Math.Min(Spec.BatchSize, Spec.ImageCount - taskIndex * Spec.BatchSize);
}
