using HeteroOrleans.Contracts.Devices;

namespace HeteroOrleans.Scheduling;

/// <summary>
/// Scheme Adaptive: each stage goes, when a device of its role has room in its window, to the one that would finish
/// it first (when the work it holds is done, over its link, at its measured speed, as late as its answers have been:
/// earliest finish time). A device's window holds as many tasks as hide its link behind its work. Coarse stages go to
/// end devices; fine stages to any edge or cloud. Nothing is fixed before the job: the choice follows what devices
/// answer, and only live devices are offered to it.
/// </summary>
public sealed class AdaptivePlanner : ITaskPlanner
{
    /// <summary>The most tasks one device holds at once, whatever its link: enough for a 1 s link over 0.1 s tasks.</summary>
    public const int MaxWindow = 12;

    private readonly Dictionary<string, DeviceEstimate> _estimates;
    private readonly TimeProvider _time;
    private readonly long _started;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AdaptivePlanner(Dictionary<string, DeviceEstimate> estimates, DeviceSet devices, int batch, TimeProvider time)
    {
        _estimates = estimates;
        _time = time;
        _started = time.GetTimestamp();
        Devices = devices;
        Batch = batch;
    }

    /// <summary>The job's devices by role.</summary>
    public DeviceSet Devices { get; }

    /// <summary>Images per task.</summary>
    public int Batch { get; }

    /// <summary>The estimate of <paramref name="deviceId"/>.</summary>
    public DeviceEstimate this[string deviceId] => _estimates[deviceId];

    /// <summary>Plans over <paramref name="profiles"/>, the job's devices, on <paramref name="time"/> (default: the system's clock).</summary>
    /// <exception cref="SchedulingException">No end device, or neither edge nor cloud for the fine stage.</exception>
    public static AdaptivePlanner Create(IReadOnlyCollection<DeviceProfile> profiles, DeviceSet devices, int batch, TimeProvider? time = null)
    {
        if (StageRoles.Missing(Contracts.Jobs.SchedulingScheme.Adaptive, devices) is { } missing)
        {
            throw new SchedulingException($"Scheme Adaptive needs {missing}, and none is available.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        return new AdaptivePlanner(profiles.ToDictionary(p => p.Id, p => new DeviceEstimate(p), StringComparer.Ordinal), devices, batch, time ?? TimeProvider.System);
    }

    /// <summary>The fine-stage devices: every edge, then every cloud.</summary>
    public IEnumerable<string> FineDevices => Devices.Edge.Concat(Devices.Cloud);

    /// <summary>
    /// Of <paramref name="candidates"/>, the device that would return a task of <paramref name="images"/> first; ties
    /// go to the one holding less work, then to the first given. Null when there is no candidate.
    /// </summary>
    public string? Choose(IEnumerable<string> candidates, int images)
    {
        DeviceEstimate? best = null;
        var bestFinish = double.MaxValue;
        var now = NowMs;
        foreach (var id in candidates)
        {
            if (!_estimates.TryGetValue(id, out var estimate))
            {
                continue;
            }

            var finish = estimate.FinishMs(images, now);
            if (finish < bestFinish - 1e-9 || (Math.Abs(finish - bestFinish) <= 1e-9 && estimate.OutstandingImages < best!.OutstandingImages))
            {
                (best, bestFinish) = (estimate, finish);
            }
        }

        return best?.Id;
    }

    /// <summary>
    /// Of <paramref name="candidates"/> that have room in their window, the one that would finish a stage of
    /// <paramref name="images"/> first, with the stage counted against it at once, so that stages chosen meanwhile see
    /// it; give it back with <see cref="Release"/> when the stage ends. Null when no candidate has room: wait for
    /// <see cref="NextReleaseAsync"/> and try again. Committing no more than a window ahead is what lets the plan
    /// follow devices that slow down, fail or come back.
    /// </summary>
    public Reservation? Reserve(IEnumerable<string> candidates, int images)
    {
        if (Choose(candidates.Where(id => _estimates.TryGetValue(id, out var e) && e.OutstandingImages + images <= e.Window(Batch) * Batch), images) is not { } chosen)
        {
            return null;
        }

        var now = NowMs;
        var estimate = _estimates[chosen];
        var due = estimate.FinishMs(images, now);
        estimate.Sent(images, now);
        return new Reservation(chosen, images, due);
    }

    /// <summary>Completes at the next <see cref="Release"/> or <see cref="Returned"/>: when a window may have room again.</summary>
    public Task NextReleaseAsync() => _released.Task;

    /// <summary>
    /// The reserved stage ended. When its own device <paramref name="answered"/> it, how late the answer came teaches
    /// the planner what to expect of that device.
    /// </summary>
    public void Release(Reservation reservation, bool answered)
    {
        var now = NowMs;
        var estimate = _estimates[reservation.DeviceId];
        estimate.Returned(reservation.Images, now);
        if (answered)
        {
            estimate.Answered(reservation.DueMs, now, Batch);
        }

        SignalRelease();
    }

    /// <summary>
    /// The devices that would finish a task first now, for both stages, reserving neither (a job reserves through
    /// <see cref="Reserve"/>, and chooses the fine device when the coarse stage is done and the queues have moved).
    /// </summary>
    public TaskAssignment Assign(int taskIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskIndex);
        return new TaskAssignment(Choose(Devices.End, Batch)!, Choose(FineDevices, Batch));
    }

    /// <summary>Tasks <paramref name="deviceId"/> should hold at once (see <see cref="DeviceEstimate.Window"/>).</summary>
    public int Window(string deviceId) => _estimates[deviceId].Window(Batch);

    /// <summary>Work of <paramref name="images"/> that no reservation covers was sent to <paramref name="deviceId"/> (an encryption head, say).</summary>
    public void Sent(string deviceId, int images) => _estimates[deviceId].Sent(images, NowMs);

    /// <summary>The work <see cref="Sent"/> ended (answered, failed or given up): its images no longer count against the device.</summary>
    public void Returned(string deviceId, int images)
    {
        _estimates[deviceId].Returned(images, NowMs);
        SignalRelease();
    }

    /// <summary>When a task of <paramref name="images"/> sent to <paramref name="deviceId"/> now would be back, in milliseconds from now.</summary>
    public double FinishMs(string deviceId, int images)
    {
        var now = NowMs;
        return _estimates[deviceId].FinishMs(images, now) - now;
    }

    /// <summary>The device reported <paramref name="computeMs"/> for <paramref name="images"/>.</summary>
    public void Observe(string deviceId, double computeMs, int images) => _estimates[deviceId].Observe(computeMs, images, NowMs);

    private void SignalRelease()
    {
        var released = _released;
        _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.TrySetResult();
    }

    /// <summary>The planner's clock: milliseconds since it was made, the time base of <see cref="Reservation.DueMs"/>.</summary>
    public double NowMs => _time.GetElapsedTime(_started).TotalMilliseconds;
}
