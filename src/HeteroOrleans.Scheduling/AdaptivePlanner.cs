using System.Diagnostics;
using HeteroOrleans.Contracts.Devices;

namespace HeteroOrleans.Scheduling;

/// <summary>
/// Scheme Adaptive: each stage goes, when a device of its role has room in its window, to the one that would finish
/// it first (when the work it holds is done, over its link, at its measured speed, as late as its answers have been:
/// earliest finish time). A device's window holds as many tasks as hide its link behind its work. Coarse stages go to
/// end devices; fine stages to any edge or cloud. Nothing is fixed before the job: the choice follows what devices
/// answer, and only available devices are offered to it.
/// </summary>
/// <remarks>
/// Built to stay cheap with thousands of devices: the devices with room are kept in a set per stage, a choice weighs
/// all of them while they are few and a random sample of <see cref="SampleSize"/> once they are many, and stages
/// waiting for room queue in arrival order and are handed it as it frees, one by one: no choice scans every device,
/// and a release wakes one waiter, not all of them.
/// </remarks>
public sealed class AdaptivePlanner : ITaskPlanner
{
    /// <summary>The most tasks one device holds at once, whatever its link: enough for a 1 s link over 0.1 s tasks.</summary>
    public const int MaxWindow = 12;

    /// <summary>Up to this many devices with room, a choice weighs every one of them.</summary>
    public const int ExactChoiceLimit = 64;

    /// <summary>Devices weighed per choice once more than <see cref="ExactChoiceLimit"/> have room (the power of d choices).</summary>
    public const int SampleSize = 32;

    private readonly Dictionary<string, DeviceEstimate> _estimates;
    private readonly Dictionary<StageKind, RoomSet> _room = new() { [StageKind.Coarse] = new(), [StageKind.Fine] = new() };
    private readonly Dictionary<StageKind, Queue<Waiter>> _waiting = new() { [StageKind.Coarse] = new(), [StageKind.Fine] = new() };
    private readonly HashSet<string> _coarse;
    private readonly Dictionary<StageKind, List<DeviceEstimate>> _stageDevices;
    private readonly Dictionary<StageKind, long> _reservedImages = new() { [StageKind.Coarse] = 0, [StageKind.Fine] = 0 };
    private readonly Dictionary<StageKind, (double AtMs, double MsPerImage, double RoundTripMs)> _drainRates = [];
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Random _random = new(0);
    private long _schedulingTicks;
    private int _depth;

    private AdaptivePlanner(Dictionary<string, DeviceEstimate> estimates, DeviceSet devices, int batch, TimeProvider time)
    {
        _estimates = estimates;
        _time = time;
        _started = time.GetTimestamp();
        Devices = devices;
        Batch = batch;
        FineDevices = [.. devices.Edge, .. devices.Cloud];
        _coarse = new HashSet<string>(devices.End, StringComparer.Ordinal);
        _stageDevices = new()
        {
            [StageKind.Coarse] = [.. devices.End.Select(id => estimates[id])],
            [StageKind.Fine] = [.. FineDevices.Select(id => estimates[id])],
        };
        foreach (var estimate in estimates.Values)
        {
            UpdateRoom(estimate);
        }
    }

    /// <summary>The job's devices by role.</summary>
    public DeviceSet Devices { get; }

    /// <summary>Images per task.</summary>
    public int Batch { get; }

    /// <summary>The estimate of <paramref name="deviceId"/>.</summary>
    public DeviceEstimate this[string deviceId] => _estimates[deviceId];

    /// <summary>
    /// Images the job will send through each stage (at most): lets the planner tell the end of the job, where a stage
    /// should wait for a fast device rather than go to a slow one with room. 0 (the default): unknown, never wait.
    /// </summary>
    public int ExpectedImages { get; set; }

    /// <summary>Whether a device may take work now (the job's live devices); default every device.</summary>
    public Func<string, bool> Available { get; set; } = _ => true;

    /// <summary>Time spent choosing devices and keeping the estimates, over the planner's life: the scheduler's own cost.</summary>
    public TimeSpan SchedulingTime => Stopwatch.GetElapsedTime(0, _schedulingTicks);

    /// <summary>Stages waiting for room, both kinds together (some may have been cancelled meanwhile).</summary>
    public int Waiting => _waiting[StageKind.Coarse].Count + _waiting[StageKind.Fine].Count;

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
    public IReadOnlyList<string> FineDevices { get; }

    /// <summary>The devices of <paramref name="stage"/>.</summary>
    public IReadOnlyList<string> DevicesOf(StageKind stage) => stage == StageKind.Coarse ? Devices.End : FineDevices;

    /// <summary>
    /// Of <paramref name="candidates"/>, the device that would return a task of <paramref name="images"/> first; ties
    /// go to the one holding less work, then to the first given. Null when there is no candidate.
    /// </summary>
    public string? Choose(IEnumerable<string> candidates, int images)
    {
        var started = Enter();
        var best = Best(candidates.Select(id => _estimates.GetValueOrDefault(id)).OfType<DeviceEstimate>(), images, NowMs, _ => true);
        Exit(started);
        return best?.Id;
    }

    /// <summary>
    /// Of the available devices in <paramref name="pool"/> that are not <paramref name="excluded"/>, the one that would
    /// return <paramref name="images"/> first: all of them weighed while the pool is small, a random sample of
    /// <see cref="SampleSize"/> once it is large (the whole pool only when the sample holds none). Null when there is none.
    /// </summary>
    public string? ChooseAmong(IReadOnlyList<string> pool, int images, Func<string, bool>? excluded = null)
    {
        bool Eligible(string id) => Available(id) && excluded?.Invoke(id) != true;
        if (pool.Count <= ExactChoiceLimit)
        {
            return Choose(pool.Where(Eligible), images);
        }

        var started = Enter();
        IEnumerable<DeviceEstimate> Estimates(IEnumerable<string> ids) => ids.Where(Eligible).Select(id => _estimates.GetValueOrDefault(id)).OfType<DeviceEstimate>();
        var sample = Enumerable.Range(0, SampleSize).Select(_ => pool[_random.Next(pool.Count)]);
        var best = Best(Estimates(sample), images, NowMs, _ => true) ?? Best(Estimates(pool), images, NowMs, _ => true);
        Exit(started);
        return best?.Id;
    }

    /// <summary>
    /// Of <paramref name="candidates"/> that have room in their window, the one that would finish a stage of
    /// <paramref name="images"/> first, with the stage counted against it at once, so that stages chosen meanwhile see
    /// it; give it back with <see cref="Release"/> when the stage ends. Null when no candidate has room.
    /// </summary>
    public Reservation? Reserve(IEnumerable<string> candidates, int images)
    {
        var started = Enter();
        var now = NowMs;
        var chosen = Best(candidates.Select(id => _estimates.GetValueOrDefault(id)).OfType<DeviceEstimate>(), images, now, e => HasRoomFor(e, images));
        var reservation = chosen is null ? (Reservation?)null : Commit(chosen, images, now);
        Exit(started);
        return reservation;
    }

    /// <summary>
    /// A stage of <paramref name="images"/> reserved on the available device of <paramref name="stage"/> that would
    /// finish it first, as soon as one has room: at once when one has and no earlier stage waits, else in arrival order
    /// as room frees. Committing no more than a window ahead is what lets the plan follow devices that slow down, fail
    /// or come back. Completes with null when <paramref name="cancellation"/> comes first.
    /// </summary>
    public Task<Reservation?> ReserveAsync(StageKind stage, int images, CancellationToken cancellation)
    {
        var started = Enter();
        try
        {
            return ReserveOrWait(stage, images, cancellation);
        }
        finally
        {
            Exit(started);
        }
    }

    private Task<Reservation?> ReserveOrWait(StageKind stage, int images, CancellationToken cancellation)
    {
        var queue = _waiting[stage];
        if (queue.Count == 0 && TryReserve(stage, images) is { } now)
        {
            return Task.FromResult<Reservation?>(now);
        }

        var waiter = new Waiter(images);
        if (cancellation.CanBeCanceled)
        {
            waiter.Cancellation = cancellation.Register(() => waiter.TrySetResult(null));
        }

        queue.Enqueue(waiter);
        return waiter.Task;
    }

    /// <summary>Hands room to waiting stages, in arrival order, while there is some: call it when devices come back.</summary>
    public void Serve()
    {
        var started = Enter();
        Serve(StageKind.Coarse);
        Serve(StageKind.Fine);
        Exit(started);
    }

    /// <summary>
    /// The reserved stage ended. When its own device <paramref name="answered"/> it, how late the answer came teaches
    /// the planner what to expect of that device.
    /// </summary>
    public void Release(Reservation reservation, bool answered)
    {
        var started = Enter();
        var now = NowMs;
        var estimate = _estimates[reservation.DeviceId];
        estimate.Returned(reservation.Images, now);
        if (answered)
        {
            estimate.Answered(reservation.DueMs, now, Batch);
        }

        Changed(estimate);
        Exit(started);
    }

    /// <summary>
    /// The devices that would finish a task first now, for both stages, reserving neither (a job reserves through
    /// <see cref="ReserveAsync"/>).
    /// </summary>
    public TaskAssignment Assign(int taskIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskIndex);
        return new TaskAssignment(Choose(Devices.End, Batch)!, Choose(FineDevices, Batch));
    }

    /// <summary>Tasks <paramref name="deviceId"/> should hold at once (see <see cref="DeviceEstimate.Window"/>).</summary>
    public int Window(string deviceId) => _estimates[deviceId].Window(Batch);

    /// <summary>Work of <paramref name="images"/> that no reservation covers was sent to <paramref name="deviceId"/> (an encryption head, say).</summary>
    public void Sent(string deviceId, int images)
    {
        var started = Enter();
        var estimate = _estimates[deviceId];
        estimate.Sent(images, NowMs);
        UpdateRoom(estimate);
        Exit(started);
    }

    /// <summary>The work <see cref="Sent"/> ended (answered, failed or given up): its images no longer count against the device.</summary>
    public void Returned(string deviceId, int images)
    {
        var started = Enter();
        var estimate = _estimates[deviceId];
        estimate.Returned(images, NowMs);
        Changed(estimate);
        Exit(started);
    }

    /// <summary>When a task of <paramref name="images"/> sent to <paramref name="deviceId"/> now would be back, in milliseconds from now.</summary>
    public double FinishMs(string deviceId, int images)
    {
        var now = NowMs;
        return _estimates[deviceId].FinishMs(images, now) - now;
    }

    /// <summary>The device reported <paramref name="computeMs"/> for <paramref name="images"/>.</summary>
    public void Observe(string deviceId, double computeMs, int images)
    {
        var started = Enter();
        var estimate = _estimates[deviceId];
        estimate.Observe(computeMs, images, NowMs);

        // Its window follows its speed: a device found faster may hold more.
        Changed(estimate);
        Exit(started);
    }

    /// <summary>The planner's clock: milliseconds since it was made, the time base of <see cref="Reservation.DueMs"/>.</summary>
    public double NowMs => _time.GetElapsedTime(_started).TotalMilliseconds;

    private StageKind KindOf(DeviceEstimate estimate) => _coarse.Contains(estimate.Id) ? StageKind.Coarse : StageKind.Fine;

    private bool HasRoomFor(DeviceEstimate estimate, int images) => estimate.OutstandingImages + images <= estimate.Window(Batch) * Batch;

    private void UpdateRoom(DeviceEstimate estimate) =>
        _room[KindOf(estimate)].Set(estimate, estimate.OutstandingImages < estimate.Window(Batch) * Batch);

    private void Changed(DeviceEstimate estimate)
    {
        UpdateRoom(estimate);
        Serve(KindOf(estimate));
    }

    private void Serve(StageKind stage)
    {
        var queue = _waiting[stage];
        while (queue.TryPeek(out var head))
        {
            if (head.Task.IsCompleted)
            {
                queue.Dequeue();
                continue;
            }

            if (TryReserve(stage, head.Images) is not { } reservation)
            {
                return;
            }

            queue.Dequeue();
            head.Cancellation.Dispose();
            if (!head.TrySetResult(reservation))
            {
                // Cancelled while it was being served: the room goes back.
                Release(reservation, answered: false);
            }
        }
    }

    private Reservation? TryReserve(StageKind stage, int images)
    {
        var room = _room[stage];
        var now = NowMs;
        bool Fits(DeviceEstimate e) => HasRoomFor(e, images) && Available(e.Id);
        var chosen = room.Count <= ExactChoiceLimit
            ? Best(room.All, images, now, Fits)
            : Best(room.Sample(SampleSize, _random), images, now, Fits) ?? Best(room.All, images, now, Fits);
        if (chosen is null || (EndInSight(stage, chosen, images, now) && WorthWaiting(stage, chosen, images, now)))
        {
            return null;
        }

        _reservedImages[stage] += images;
        return Commit(chosen, images, now);
    }

    // While the work left would keep the stage's devices busy past the time this device would return the stage, its
    // capacity helps whatever its link: use it. Past that point (the end of the job), a stage waits for a faster device.
    private bool EndInSight(StageKind stage, DeviceEstimate chosen, int images, double now)
    {
        if (ExpectedImages <= 0)
        {
            return false;
        }

        var (msPerImage, roundTrip) = Drain(stage, now);
        var left = Math.Max(0, ExpectedImages - _reservedImages[stage]) + images;
        return chosen.FinishMs(images, now) > now + left * msPerImage + roundTrip;
    }

    // The stage's devices together, as one: time per image and the shortest round trip, re-read from the estimates
    // at most once a second, so that thousands of devices are not summed for every stage.
    private (double MsPerImage, double RoundTripMs) Drain(StageKind stage, double now)
    {
        if (!_drainRates.TryGetValue(stage, out var known) || now - known.AtMs > 1000)
        {
            var all = _stageDevices[stage];
            known = _drainRates[stage] = (now, 1 / all.Sum(e => 1 / e.MsPerImage), all.Min(e => e.RoundTripMs));
        }

        return (known.MsPerImage, known.RoundTripMs);
    }

    // A device whose window is full now but that would still finish the stage first is worth waiting for: its window
    // frees before the device with room would be done. Without this, the last tasks of a job go to whatever has room
    // (a cloud behind a long link, say) and finish long after the rest.
    private bool WorthWaiting(StageKind stage, DeviceEstimate withRoom, int images, double now)
    {
        var all = _stageDevices[stage];
        var finish = withRoom.FinishMs(images, now) - 1e-9;
        var others = all.Count <= ExactChoiceLimit ? all : Enumerable.Range(0, SampleSize).Select(_ => all[_random.Next(all.Count)]);
        return others.Any(e => !HasRoomFor(e, images) && Available(e.Id) && e.FinishMs(images, now) < finish);
    }

    private Reservation Commit(DeviceEstimate chosen, int images, double now)
    {
        var due = chosen.FinishMs(images, now);
        chosen.Sent(images, now);
        UpdateRoom(chosen);
        return new Reservation(chosen.Id, images, due);
    }

    // Earliest finish among the candidates that pass the filter; ties go to the one holding less work, then to the first.
    private static DeviceEstimate? Best(IEnumerable<DeviceEstimate> candidates, int images, double now, Func<DeviceEstimate, bool> eligible)
    {
        DeviceEstimate? best = null;
        var bestFinish = double.MaxValue;
        foreach (var estimate in candidates)
        {
            if (!eligible(estimate))
            {
                continue;
            }

            var finish = estimate.FinishMs(images, now);
            if (finish < bestFinish - 1e-9 || (Math.Abs(finish - bestFinish) <= 1e-9 && estimate.OutstandingImages < best!.OutstandingImages))
            {
                (best, bestFinish) = (estimate, finish);
            }
        }

        return best;
    }

    // Only the outermost call counts its time, so that calls within calls are not counted twice.
    private long Enter()
    {
        _depth++;
        return Stopwatch.GetTimestamp();
    }

    private void Exit(long started)
    {
        if (--_depth == 0)
        {
            _schedulingTicks += Stopwatch.GetTimestamp() - started;
        }
    }

    private sealed class Waiter(int images) : TaskCompletionSource<Reservation?>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public int Images { get; } = images;

        public CancellationTokenRegistration Cancellation { get; set; }
    }
}
