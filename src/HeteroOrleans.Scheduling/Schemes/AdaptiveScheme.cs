namespace HeteroOrleans.Scheduling;

/// <summary>
/// Ours (<see cref="AdaptivePlanner"/>): each stage is reserved, once a device of its role has room in its window, on
/// the one that would finish it first; the fine stage goes to any edge or cloud, and starts with the coarse one when
/// every image goes on. Backups, retries and encryption heads go where they would finish first too.
/// </summary>
public sealed class AdaptiveScheme : IJobScheme
{
    // Up to this many devices, the plan line names each one's window.
    private const int ListedDevices = 16;
    private readonly AdaptivePlanner _planner;
    private readonly HashSet<string> _coarse;

    private AdaptiveScheme(AdaptivePlanner planner, IReadOnlyCollection<DeviceProfile> profiles)
    {
        _planner = planner;
        _coarse = new HashSet<string>(planner.Devices.End, StringComparer.Ordinal);
        Plan = "Adaptive: each stage to the device of its role that finishes it first; windows " + Windows(profiles);
    }

    /// <inheritdoc />
    public SchedulingScheme Kind => SchedulingScheme.Adaptive;

    /// <inheritdoc />
    public DeviceSet Devices => _planner.Devices;

    /// <inheritdoc />
    public string Plan { get; }

    /// <inheritdoc />
    public bool OneTaskAtATime => false;

    /// <inheritdoc />
    public bool FineStartsWithCoarse => true;

    /// <inheritdoc />
    public int Waiting => _planner.Waiting;

    /// <inheritdoc />
    public TimeSpan SchedulingTime => _planner.SchedulingTime;

    /// <summary>The planner underneath, for what only Adaptive has (windows, estimates).</summary>
    public AdaptivePlanner Planner => _planner;

    /// <summary>Plans over <paramref name="profiles"/> in tasks of <paramref name="batch"/>, on <paramref name="time"/> (default: the system's clock).</summary>
    /// <exception cref="SchedulingException">No end device, or neither edge nor cloud for the fine stage.</exception>
    public static AdaptiveScheme Create(IReadOnlyCollection<DeviceProfile> profiles, int batch, TimeProvider? time = null) =>
        new(AdaptivePlanner.Create(profiles, DeviceSet.Of(profiles), batch, time), profiles);

    /// <inheritdoc />
    public IReadOnlyList<string> DevicesFor(StageKind stage) => _planner.DevicesOf(stage);

    /// <inheritdoc />
    public IReadOnlyList<string> PeersOf(string device) =>
        _coarse.Contains(device) ? Devices.End : _planner.FineDevices.Contains(device) ? _planner.FineDevices : [];

    /// <inheritdoc />
    public string? Missing(DeviceSet live) => SchemeRoles.Missing(Kind, live);

    /// <inheritdoc />
    public ITaskPlacement PlaceByIndex(int taskIndex) => new ReservedPlacement(_planner);

    /// <inheritdoc />
    /// <remarks>The planner offers only live devices (<see cref="Follow"/>): nothing to plan again.</remarks>
    public ITaskPlacement? PlaceOver(DeviceSet live, long liveVersion, Func<string, int> load) => new ReservedPlacement(_planner);

    /// <inheritdoc />
    /// <remarks>The trusted device that is free first: the head is short and jumps the device's queue, but not the batch it is running.</remarks>
    public string? ChooseEncryptor(IReadOnlyList<string> pool, int images) => _planner.ChooseAmong(pool, images);

    /// <inheritdoc />
    /// <remarks>Thousands of peers: the first to finish among a sample of the eligible ones, rather than a sort of all.</remarks>
    public string? ChooseBackup(IReadOnlyList<string> peers, int images, Func<string, bool> excluded) =>
        peers.Count > AdaptivePlanner.ExactChoiceLimit ? _planner.ChooseAmong(peers, images, excluded) : null;

    /// <inheritdoc />
    public double BackupRank(string device, int images, int heldByJob) => _planner.FinishMs(device, images);

    /// <inheritdoc />
    public void Follow(Func<string, bool> available, int expectedImages)
    {
        _planner.Available = available;
        _planner.ExpectedImages = expectedImages;
    }

    /// <inheritdoc />
    public void Serve() => _planner.Serve();

    /// <inheritdoc />
    public void Observe(string device, double computeMs, int images) => _planner.Observe(device, computeMs, images);

    /// <inheritdoc />
    public void Sent(string device, int images) => _planner.Sent(device, images);

    /// <inheritdoc />
    public void Returned(string device, int images) => _planner.Returned(device, images);

    /// <inheritdoc />
    public void Relink(string device, LinkProfile link) => _planner.Relink(device, link);

    /// <inheritdoc />
    /// <remarks>Nothing is fixed before a stage is placed: the device's stage weighs it from its next choice.</remarks>
    public bool Join(DeviceProfile profile)
    {
        if (!_planner.Join(profile))
        {
            return false;
        }

        if (profile.Tier == Tier.End)
        {
            _coarse.Add(profile.Id);
        }

        return true;
    }

    // Few devices: each one's window. Many: how many devices of each tier hold each window size.
    private string Windows(IReadOnlyCollection<DeviceProfile> chosen) =>
        chosen.Count <= ListedDevices
            ? string.Join(", ", chosen.Select(p => $"{p.Id} {_planner.Window(p.Id)}"))
            : string.Join(", ", chosen.GroupBy(p => (p.Tier, Window: _planner.Window(p.Id))).OrderBy(g => g.Key)
                .Select(g => $"{g.Key.Window} on {g.Count():N0} {g.Key.Tier} device(s)"));
}
