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
public sealed class AdaptivePlanner
{
    /// <summary>The most tasks one device holds at once, whatever its link: enough for a 1 s link over 0.1 s tasks.</summary>
    public const int MaxWindow = 12;

    /// <summary>Up to this many devices with room, a choice weighs every one of them.</summary>
    public const int ExactChoiceLimit = 64;

    /// <summary>Devices weighed per choice once more than <see cref="ExactChoiceLimit"/> have room (the power of d choices).</summary>
    public const int SampleSize = 32;

    private readonly Dictionary<string, DeviceEstimate> _estimates;
    private readonly Dictionary<StageKind, StagePool> _pools;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Random _random = new(0);
    private readonly SchedulingClock _clock = new();

    private AdaptivePlanner(Dictionary<string, DeviceEstimate> estimates, DeviceSet devices, int batch, TimeProvider time)
    {
        _estimates = estimates;
        _time = time;
        _started = time.GetTimestamp();
        Devices = devices;
        Batch = batch;
        FineDevices = [.. devices.Edge, .. devices.Cloud];
        _pools = new()
        {
            [StageKind.Coarse] = new StagePool([.. devices.End.Select(id => estimates[id])], batch, _random),
            [StageKind.Fine] = new StagePool([.. FineDevices.Select(id => estimates[id])], batch, _random),
        };
        foreach (var estimate in estimates.Values)
        {
            UpdateRoom(estimate);
        }
    }

    /// <summary>The job's devices by role, those that joined while it ran last.</summary>
    public DeviceSet Devices { get; private set; }

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
    public TimeSpan SchedulingTime => _clock.Spent;

    /// <summary>Stages waiting for room, both kinds together (some may have been cancelled meanwhile).</summary>
    public int Waiting => _pools.Values.Sum(p => p.Waiting.Count);

    /// <summary>Plans over <paramref name="profiles"/>, the job's devices, on <paramref name="time"/> (default: the system's clock).</summary>
    /// <exception cref="SchedulingException">No end device, or neither edge nor cloud for the fine stage.</exception>
    public static AdaptivePlanner Create(IReadOnlyCollection<DeviceProfile> profiles, DeviceSet devices, int batch, TimeProvider? time = null)
    {
        if (SchemeRoles.Missing(SchedulingScheme.Adaptive, devices) is { } missing)
        {
            throw new SchedulingException($"Scheme Adaptive needs {missing}, and none is available.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        return new AdaptivePlanner(profiles.ToDictionary(p => p.Id, p => new DeviceEstimate(p), StringComparer.Ordinal), devices, batch, time ?? TimeProvider.System);
    }

    /// <summary>The fine-stage devices: every edge, then every cloud.</summary>
    public IReadOnlyList<string> FineDevices { get; private set; }

    /// <summary>Adds <paramref name="profile"/>, a device that joined, to its stage's devices; false when it is one already.</summary>
    public bool Join(DeviceProfile profile)
    {
        if (_estimates.ContainsKey(profile.Id))
        {
            return false;
        }

        var estimate = _estimates[profile.Id] = new DeviceEstimate(profile);
        Devices = Devices.With(profile.Tier, profile.Id);
        FineDevices = [.. Devices.Edge, .. Devices.Cloud];
        Timed(profile.Id, joined =>
        {
            PoolOf(joined).Add(joined);
            Changed(joined);
        });
        return true;
    }

    /// <summary>The devices of <paramref name="stage"/>.</summary>
    public IReadOnlyList<string> DevicesOf(StageKind stage) => stage == StageKind.Coarse ? Devices.End : FineDevices;

    /// <summary>
    /// Of <paramref name="candidates"/>, the device that would return a task of <paramref name="images"/> first; ties
    /// go to the one holding less work, then to the first given. Null when there is no candidate.
    /// </summary>
    public string? Choose(IEnumerable<string> candidates, int images)
    {
        var started = _clock.Enter();
        var best = EarliestFinish.Of(candidates.Select(id => _estimates.GetValueOrDefault(id)).OfType<DeviceEstimate>(), images, NowMs, _ => true);
        _clock.Exit(started);
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

        var started = _clock.Enter();
        IEnumerable<DeviceEstimate> Estimates(IEnumerable<string> ids) => ids.Where(Eligible).Select(id => _estimates.GetValueOrDefault(id)).OfType<DeviceEstimate>();
        var sample = Enumerable.Range(0, SampleSize).Select(_ => pool[_random.Next(pool.Count)]);
        var best = EarliestFinish.Of(Estimates(sample), images, NowMs, _ => true) ?? EarliestFinish.Of(Estimates(pool), images, NowMs, _ => true);
        _clock.Exit(started);
        return best?.Id;
    }

    /// <summary>
    /// Of <paramref name="candidates"/> that have room in their window, the one that would finish a stage of
    /// <paramref name="images"/> first, with the stage counted against it at once, so that stages chosen meanwhile see
    /// it; give it back with <see cref="Release"/> when the stage ends. Null when no candidate has room.
    /// </summary>
    public Reservation? Reserve(IEnumerable<string> candidates, int images)
    {
        var started = _clock.Enter();
        var now = NowMs;
        var chosen = EarliestFinish.Of(candidates.Select(id => _estimates.GetValueOrDefault(id)).OfType<DeviceEstimate>(), images, now, e => PoolOf(e).HasRoomFor(e, images));
        var reservation = chosen is null ? (Reservation?)null : Commit(chosen, images, now);
        _clock.Exit(started);
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
        var started = _clock.Enter();
        try
        {
            var queue = _pools[stage].Waiting;
            if (queue.Count == 0 && TryReserve(stage, images) is { } now)
            {
                return Task.FromResult<Reservation?>(now);
            }

            var waiter = new RoomWaiter(images);
            if (cancellation.CanBeCanceled)
            {
                waiter.Cancellation = cancellation.Register(() => waiter.TrySetResult(null));
            }

            queue.Enqueue(waiter);
            return waiter.Task;
        }
        finally
        {
            _clock.Exit(started);
        }
    }

    /// <summary>Hands room to waiting stages, in arrival order, while there is some: call it when devices come back.</summary>
    public void Serve()
    {
        var started = _clock.Enter();
        Serve(StageKind.Coarse);
        Serve(StageKind.Fine);
        _clock.Exit(started);
    }

    /// <summary>
    /// The reserved stage ended. When its own device <paramref name="answered"/> it, how late the answer came teaches
    /// the planner what to expect of that device.
    /// </summary>
    public void Release(Reservation reservation, bool answered) => Timed(reservation.DeviceId, estimate =>
    {
        var now = NowMs;
        estimate.Returned(reservation.Images, now);
        if (answered)
        {
            estimate.Answered(reservation.DueMs, now, Batch);
        }

        Changed(estimate);
    });

    /// <summary>Tasks <paramref name="deviceId"/> should hold at once (see <see cref="DeviceEstimate.Window"/>).</summary>
    public int Window(string deviceId) => _estimates[deviceId].Window(Batch);

    /// <summary>Work of <paramref name="images"/> that no reservation covers was sent to <paramref name="deviceId"/> (an encryption head, say).</summary>
    public void Sent(string deviceId, int images) => Timed(deviceId, estimate =>
    {
        estimate.Sent(images, NowMs);
        UpdateRoom(estimate);
    });

    /// <summary>The work <see cref="Sent"/> ended (answered, failed or given up): its images no longer count against the device.</summary>
    public void Returned(string deviceId, int images) => Timed(deviceId, estimate =>
    {
        estimate.Returned(images, NowMs);
        Changed(estimate);
    });

    /// <summary>The link to <paramref name="deviceId"/> was measured anew: its finish times and its window follow it.</summary>
    public void Relink(string deviceId, LinkProfile link) => Timed(deviceId, estimate => Changed(estimate.Relinked(link)));

    /// <summary>When a task of <paramref name="images"/> sent to <paramref name="deviceId"/> now would be back, in milliseconds from now.</summary>
    public double FinishMs(string deviceId, int images)
    {
        var now = NowMs;
        return _estimates[deviceId].FinishMs(images, now) - now;
    }

    /// <summary>The device reported <paramref name="computeMs"/> for <paramref name="images"/>.</summary>
    public void Observe(string deviceId, double computeMs, int images) => Timed(deviceId, estimate =>
    {
        estimate.Observe(computeMs, images, NowMs);

        // Its window follows its speed: a device found faster may hold more.
        Changed(estimate);
    });

    /// <summary>The planner's clock: milliseconds since it was made, the time base of <see cref="Reservation.DueMs"/>.</summary>
    public double NowMs => _time.GetElapsedTime(_started).TotalMilliseconds;

    // Runs a change to a device's estimate, its time counted as the scheduler's.
    private void Timed(string deviceId, Action<DeviceEstimate> change)
    {
        var started = _clock.Enter();
        change(_estimates[deviceId]);
        _clock.Exit(started);
    }

    private static StageKind KindOf(DeviceEstimate estimate) => estimate.Tier == Tier.End ? StageKind.Coarse : StageKind.Fine;

    private StagePool PoolOf(DeviceEstimate estimate) => _pools[KindOf(estimate)];

    private void UpdateRoom(DeviceEstimate estimate) => PoolOf(estimate).UpdateRoom(estimate);

    private void Changed(DeviceEstimate estimate)
    {
        UpdateRoom(estimate);
        Serve(KindOf(estimate));
    }

    // Cancelled while it was being served: the room goes back.
    private void Serve(StageKind stage) => _pools[stage].Serve(images => TryReserve(stage, images), reservation => Release(reservation, answered: false));

    // The choice and its commitment read the clock apart: microseconds, against estimates of milliseconds.
    private Reservation? TryReserve(StageKind stage, int images) =>
        _pools[stage].Choose(images, NowMs, Available, ExpectedImages) is { } chosen ? Commit(chosen, images, NowMs) : null;

    private Reservation Commit(DeviceEstimate chosen, int images, double now)
    {
        var due = chosen.FinishMs(images, now);
        chosen.Sent(images, now);
        UpdateRoom(chosen);
        return new Reservation(chosen.Id, images, due);
    }
}
