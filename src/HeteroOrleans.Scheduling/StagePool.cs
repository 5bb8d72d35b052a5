namespace HeteroOrleans.Scheduling;

/// <summary>
/// The devices of one stage under the Adaptive scheme: those with room in their window, the stages waiting for room in
/// arrival order, and how much of the job's work the stage has handed out.
/// </summary>
internal sealed class StagePool(IReadOnlyList<DeviceEstimate> devices, int batch, Random random)
{
    // The stage's devices, those that joined while it ran included.
    private readonly List<DeviceEstimate> _devices = [.. devices];

    // The stage's devices that share a machine's cores with another of them, by machine.
    private Dictionary<string, DeviceEstimate[]> _sharing = Sharing(devices);

    private readonly RoomSet _room = new();
    private long _reservedImages;
    private (double AtMs, double MsPerImage, double RoundTripMs)? _drain;

    /// <summary>Stages waiting for room, oldest first (some may have been cancelled meanwhile).</summary>
    public Queue<RoomWaiter> Waiting { get; } = new();

    /// <summary>Adds a device that joined while the stage runs: the next choices weigh it.</summary>
    public void Add(DeviceEstimate estimate)
    {
        _devices.Add(estimate);
        _sharing = Sharing(_devices);
        _drain = null;
        UpdateRoom(estimate);
    }

    /// <summary>
    /// Hands room to waiting stages in arrival order while <paramref name="tryReserve"/> finds some; a stage cancelled
    /// while it was served gives its room back through <paramref name="giveBack"/>.
    /// </summary>
    public void Serve(Func<int, Reservation?> tryReserve, Action<Reservation> giveBack)
    {
        while (Waiting.TryPeek(out var head))
        {
            if (head.Task.IsCompleted)
            {
                Waiting.Dequeue();
                continue;
            }

            if (tryReserve(head.Images) is not { } reservation)
            {
                return;
            }

            Waiting.Dequeue();
            head.Cancellation.Dispose();
            if (!head.TrySetResult(reservation))
            {
                giveBack(reservation);
            }
        }
    }

    /// <summary>Whether <paramref name="estimate"/>'s window has room for <paramref name="images"/> more.</summary>
    public bool HasRoomFor(DeviceEstimate estimate, int images) => estimate.OutstandingImages + images <= estimate.Window(batch) * batch;

    /// <summary>Puts <paramref name="estimate"/> in or out of the devices with room, after its work or speed changed.</summary>
    public void UpdateRoom(DeviceEstimate estimate) => _room.Set(estimate, estimate.OutstandingImages < estimate.Window(batch) * batch);

    /// <summary>
    /// The available device with room that would return <paramref name="images"/> first, counted as handed out; null
    /// when none has room, or when at the end of the job a device that is full now would return them sooner.
    /// </summary>
    public DeviceEstimate? Choose(int images, double nowMs, Func<string, bool> available, int expectedImages)
    {
        bool Fits(DeviceEstimate e) => HasRoomFor(e, images) && available(e.Id);
        var chosen = _room.Count <= AdaptivePlanner.ExactChoiceLimit
            ? EarliestFinish.Of(_room.All, images, nowMs, Fits)
            : EarliestFinish.Of(_room.Sample(AdaptivePlanner.SampleSize, random), images, nowMs, Fits) ?? EarliestFinish.Of(_room.All, images, nowMs, Fits);
        if (chosen is null || FasterOnItsMachine(chosen, images, nowMs, available) ||
            (EndInSight(chosen, images, nowMs, expectedImages) && WorthWaiting(chosen, images, nowMs, available)))
        {
            return null;
        }

        _reservedImages += images;
        return chosen;
    }

    // A device whose cores a faster device of the stage shares adds no capacity: what it runs, the faster one cannot.
    // A stage waits for that one's window rather than take the slower one's (on one machine, a cloud whose encryption
    // heads cost the end devices' cores ten times what an edge would take for the same images).
    private bool FasterOnItsMachine(DeviceEstimate withRoom, int images, double nowMs, Func<string, bool> available)
    {
        if (!_sharing.TryGetValue(withRoom.Machine, out var sharing))
        {
            return false;
        }

        var finish = withRoom.FinishMs(images, nowMs) - 1e-9;
        return sharing.Any(e => e != withRoom && !HasRoomFor(e, images) && available(e.Id) && FullOfWork(e) && e.FinishMs(images, nowMs) < finish);
    }

    // A window full of work, not of link time: a device whose tasks mostly travel (single images behind a half-second
    // link) leaves its machine's cores idle, and the slower device's room is then capacity after all.
    private static bool FullOfWork(DeviceEstimate device) => device.OutstandingImages * device.MsPerImage >= device.RoundTripMs;

    // While the work left would keep the stage's devices busy past the time this device would return the stage, its
    // capacity helps whatever its link: use it. Past that point (the end of the job), a stage waits for a faster device.
    private bool EndInSight(DeviceEstimate chosen, int images, double nowMs, int expectedImages)
    {
        if (expectedImages <= 0)
        {
            return false;
        }

        var (msPerImage, roundTrip) = Drain(nowMs);
        var left = Math.Max(0, expectedImages - _reservedImages) + images;
        return chosen.FinishMs(images, nowMs) > nowMs + left * msPerImage + roundTrip;
    }

    // The stage's devices together, as one: time per image and the shortest round trip, re-read from the estimates
    // at most once a second, so that thousands of devices are not summed for every stage.
    private (double MsPerImage, double RoundTripMs) Drain(double nowMs)
    {
        if (_drain is not { } known || nowMs - known.AtMs > 1000)
        {
            known = (nowMs, 1 / _devices.Sum(e => 1 / e.MsPerImage), _devices.Min(e => e.RoundTripMs));
            _drain = known;
        }

        return (known.MsPerImage, known.RoundTripMs);
    }

    // A device whose window is full now but that would still finish the stage first is worth waiting for: its window
    // frees before the device with room would be done. Without this, the last tasks of a job go to whatever has room
    // (a cloud behind a long link, say) and finish long after the rest.
    private bool WorthWaiting(DeviceEstimate withRoom, int images, double nowMs, Func<string, bool> available)
    {
        var finish = withRoom.FinishMs(images, nowMs) - 1e-9;
        var others = _devices.Count <= AdaptivePlanner.ExactChoiceLimit
            ? _devices
            : Enumerable.Range(0, AdaptivePlanner.SampleSize).Select(_ => _devices[random.Next(_devices.Count)]);
        return others.Any(e => !HasRoomFor(e, images) && available(e.Id) && e.FinishMs(images, nowMs) < finish);
    }

    private static Dictionary<string, DeviceEstimate[]> Sharing(IEnumerable<DeviceEstimate> devices) => devices
        .Where(d => d.Machine.Length > 0).GroupBy(d => d.Machine, StringComparer.Ordinal)
        .Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
}
