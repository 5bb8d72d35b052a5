using HeteroOrleans.Contracts.Devices;

namespace HeteroOrleans.Scheduling;

/// <summary>
/// Scheme Adaptive: each stage goes, when it is ready to go, to the device of its role that would finish it first
/// (the work it already holds, its link and its measured speed), and every device holds a window of tasks sized so that
/// its link hides behind its work. Coarse stages go to end devices; fine stages to any edge or cloud. Nothing is fixed
/// before the job: the choice follows what devices answer, and only live devices are offered to it.
/// </summary>
public sealed class AdaptivePlanner : ITaskPlanner
{
    /// <summary>The most tasks one device holds at once, whatever its link: enough for a 1 s link over 0.1 s tasks.</summary>
    public const int MaxWindow = 12;

    private readonly Dictionary<string, DeviceEstimate> _estimates;

    private AdaptivePlanner(Dictionary<string, DeviceEstimate> estimates, DeviceSet devices, int batch)
    {
        _estimates = estimates;
        Devices = devices;
        Batch = batch;
    }

    /// <summary>The job's devices by role.</summary>
    public DeviceSet Devices { get; }

    /// <summary>Images per task.</summary>
    public int Batch { get; }

    /// <summary>The estimate of <paramref name="deviceId"/>.</summary>
    public DeviceEstimate this[string deviceId] => _estimates[deviceId];

    /// <summary>Plans over <paramref name="profiles"/>, the job's devices.</summary>
    /// <exception cref="SchedulingException">No end device, or neither edge nor cloud for the fine stage.</exception>
    public static AdaptivePlanner Create(IReadOnlyCollection<DeviceProfile> profiles, DeviceSet devices, int batch)
    {
        if (StageRoles.Missing(Contracts.Jobs.SchedulingScheme.Adaptive, devices) is { } missing)
        {
            throw new SchedulingException($"Scheme Adaptive needs {missing}, and none is available.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        return new AdaptivePlanner(profiles.ToDictionary(p => p.Id, p => new DeviceEstimate(p), StringComparer.Ordinal), devices, batch);
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
        foreach (var id in candidates)
        {
            if (!_estimates.TryGetValue(id, out var estimate))
            {
                continue;
            }

            var finish = estimate.FinishMs(images);
            if (finish < bestFinish - 1e-9 || (Math.Abs(finish - bestFinish) <= 1e-9 && estimate.OutstandingImages < best!.OutstandingImages))
            {
                (best, bestFinish) = (estimate, finish);
            }
        }

        return best?.Id;
    }

    /// <summary>
    /// The devices that would finish the task first now, for both stages; the fine stage's is provisional, since the
    /// job chooses it again when the coarse stage is done and the devices' queues have moved.
    /// </summary>
    public TaskAssignment Assign(int taskIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskIndex);
        return new TaskAssignment(Choose(Devices.End, Batch)!, Choose(FineDevices, Batch));
    }

    /// <summary>Tasks <paramref name="deviceId"/> should hold at once (see <see cref="DeviceEstimate.Window"/>).</summary>
    public int Window(string deviceId) => _estimates[deviceId].Window(Batch);

    /// <summary>A task of <paramref name="images"/> was sent to <paramref name="deviceId"/> (or is waiting for its window).</summary>
    public void Sent(string deviceId, int images) => _estimates[deviceId].Sent(images);

    /// <summary>The device answered, failed, or the copy was given up: its images no longer count against it.</summary>
    public void Returned(string deviceId, int images) => _estimates[deviceId].Returned(images);

    /// <summary>The device reported <paramref name="computeMs"/> for <paramref name="images"/>.</summary>
    public void Observe(string deviceId, double computeMs, int images) => _estimates[deviceId].Observe(computeMs, images);
}
