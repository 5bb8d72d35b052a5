using HeteroOrleans.Contracts.Devices;

namespace HeteroOrleans.Scheduling;

/// <summary>
/// Scheme Adaptive: each stage goes, when it is ready to go, to the device of its role that would finish it first
/// (when the work it already holds is done, its link and its measured speed: earliest finish time), and every device holds a window of tasks sized so that
/// its link hides behind its work. Coarse stages go to end devices; fine stages to any edge or cloud. Nothing is fixed
/// before the job: the choice follows what devices answer, and only live devices are offered to it.
/// </summary>
public sealed class AdaptivePlanner : ITaskPlanner
{
    /// <summary>The most tasks one device holds at once, whatever its link: enough for a 1 s link over 0.1 s tasks.</summary>
    public const int MaxWindow = 12;

    private readonly Dictionary<string, DeviceEstimate> _estimates;
    private readonly TimeProvider _time;
    private readonly long _started;

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
    /// <see cref="Choose"/>, and counts the task against the device chosen at once, so that stages chosen meanwhile
    /// see it; give it back with <see cref="Returned"/> when the stage ends.
    /// </summary>
    public string? Reserve(IEnumerable<string> candidates, int images)
    {
        var chosen = Choose(candidates, images);
        if (chosen is not null)
        {
            Sent(chosen, images);
        }

        return chosen;
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

    /// <summary>A task of <paramref name="images"/> was sent to <paramref name="deviceId"/> (or is waiting for its window).</summary>
    public void Sent(string deviceId, int images) => _estimates[deviceId].Sent(images, NowMs);

    /// <summary>The device answered, failed, or the copy was given up: its images no longer count against it.</summary>
    public void Returned(string deviceId, int images) => _estimates[deviceId].Returned(images, NowMs);

    /// <summary>When a task of <paramref name="images"/> sent to <paramref name="deviceId"/> now would be back, in milliseconds from now.</summary>
    public double FinishMs(string deviceId, int images)
    {
        var now = NowMs;
        return _estimates[deviceId].FinishMs(images, now) - now;
    }

    /// <summary>The device reported <paramref name="computeMs"/> for <paramref name="images"/>.</summary>
    public void Observe(string deviceId, double computeMs, int images) => _estimates[deviceId].Observe(computeMs, images);

    private double NowMs => _time.GetElapsedTime(_started).TotalMilliseconds;
}
