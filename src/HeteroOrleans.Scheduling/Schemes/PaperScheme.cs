namespace HeteroOrleans.Scheduling;

/// <summary>
/// The paper's schemes (section 3.4): End, End-Cloud and End-Edge by round robin, Mapping by its N_map map. A task's two
/// devices are chosen together when it starts: by its index over all the job's devices, or in arrival order over the
/// live ones, the scheme planned again only when that set changes. A stage moves only within its device's tier, and a
/// device takes the job's tasks one at a time, as in the paper's evaluation.
/// </summary>
public sealed class PaperScheme : IJobScheme
{
    private readonly IReadOnlyDictionary<string, DeviceProfile> _profiles;
    private readonly int _batch;
    private readonly ITaskPlanner _planner;
    private (long Version, ITaskPlanner? Planner)? _live;
    private int _turns;

    private PaperScheme(SchedulingScheme kind, IReadOnlyDictionary<string, DeviceProfile> profiles, int batch)
    {
        (Kind, _profiles, _batch) = (kind, profiles, batch);
        Devices = DeviceSet.Of(profiles.Values);
        var (planner, plan) = Planned(kind, Devices, profiles.Values, batch, overflowToEdges: false);
        _planner = planner;
        Plan = plan;
    }

    /// <inheritdoc />
    public SchedulingScheme Kind { get; }

    /// <inheritdoc />
    public DeviceSet Devices { get; }

    /// <inheritdoc />
    public string Plan { get; }

    /// <inheritdoc />
    public bool OneTaskAtATime => true;

    /// <inheritdoc />
    public bool FineStartsWithCoarse => false;

    /// <inheritdoc />
    public int Waiting => 0;

    /// <inheritdoc />
    public TimeSpan SchedulingTime => TimeSpan.Zero;

    /// <summary>Plans <paramref name="kind"/> over <paramref name="profiles"/> in tasks of <paramref name="batch"/>.</summary>
    /// <exception cref="SchedulingException">A role without a device, or Mapping without the devices' speeds.</exception>
    public static PaperScheme Create(SchedulingScheme kind, IReadOnlyCollection<DeviceProfile> profiles, int batch) =>
        kind == SchedulingScheme.Adaptive
            ? throw new SchedulingException("Scheme Adaptive is not one of the paper's: JobSchemes.Create makes it.")
            : new(kind, profiles.ToDictionary(p => p.Id, StringComparer.Ordinal), batch);

    /// <inheritdoc />
    public IReadOnlyList<string> DevicesFor(StageKind stage) => stage == StageKind.Coarse ? Devices.End : Devices.Of(SchemeRoles.FineTiers(Kind));

    /// <inheritdoc />
    public IReadOnlyList<string> PeersOf(string device) => _profiles.TryGetValue(device, out var profile) ? Devices.Of(profile.Tier) : [];

    /// <inheritdoc />
    public string? Missing(DeviceSet live) => SchemeRoles.Missing(Kind, live);

    /// <inheritdoc />
    public ITaskPlacement PlaceByIndex(int taskIndex) => new FixedPlacement(_planner.Assign(taskIndex));

    /// <inheritdoc />
    /// <remarks>
    /// Of the scheme's next turns, the one whose end device holds the fewest of the job's stages goes first: while every
    /// device keeps up, that is the scheme's own round robin; after a failure, the devices that took the failed one's
    /// tasks are not left a task behind the others for the rest of the job.
    /// </remarks>
    public ITaskPlacement? PlaceOver(DeviceSet live, long liveVersion, Func<string, int> load)
    {
        if (_live?.Version != liveVersion)
        {
            _live = (liveVersion, PlannedOver(live));
        }

        if (_live.Value.Planner is not { } planner)
        {
            return null;
        }

        var turn = _turns++;
        return new FixedPlacement(Enumerable.Range(turn, live.End.Count).Select(planner.Assign).MinBy(a => load(a.CoarseDevice)));
    }

    /// <inheritdoc />
    public string? ChooseEncryptor(IReadOnlyList<string> pool, int images) => null;

    /// <inheritdoc />
    public string? ChooseBackup(IReadOnlyList<string> peers, int images, Func<string, bool> excluded) => null;

    /// <inheritdoc />
    public double BackupRank(string device, int images, int heldByJob) => heldByJob;

    /// <inheritdoc />
    public void Follow(Func<string, bool> available, int expectedImages)
    {
    }

    /// <inheritdoc />
    public void Serve()
    {
    }

    /// <inheritdoc />
    public void Observe(string device, double computeMs, int images)
    {
    }

    /// <inheritdoc />
    public void Sent(string device, int images)
    {
    }

    /// <inheritdoc />
    public void Returned(string device, int images)
    {
    }

    /// <inheritdoc />
    /// <remarks>The paper's schemes are planned once, from the configured links.</remarks>
    public void Relink(string device, LinkProfile link)
    {
    }

    /// <inheritdoc />
    /// <remarks>Each task's devices follow from its index over the devices the job started with.</remarks>
    public bool Join(DeviceProfile profile) => false;

    // The same scheme over the live devices; null when a role it needs has none left. Mapping maps end devices left over
    // to the edges when no cloud is left.
    private ITaskPlanner? PlannedOver(DeviceSet live)
    {
        var ids = live.End.Concat(live.Edge).Concat(live.Cloud).ToHashSet(StringComparer.Ordinal);
        try
        {
            return Planned(Kind, live, _profiles.Values.Where(p => ids.Contains(p.Id)).ToList(), _batch, overflowToEdges: true).Planner;
        }
        catch (SchedulingException)
        {
            return null;
        }
    }

    private static (ITaskPlanner Planner, string Plan) Planned(
        SchedulingScheme kind, DeviceSet set, IEnumerable<DeviceProfile> profiles, int batch, bool overflowToEdges)
    {
        if (kind != SchedulingScheme.Mapping)
        {
            return (RoundRobinPlanner.Create(kind, set), $"{kind}: round robin");
        }

        var list = profiles.ToList();
        var (end, edge) = (Cost(list, Tier.End, batch), Cost(list, Tier.Edge, batch));
        var mapping = MappingPlanner.Create(set, end, edge, overflowToEdges);
        return (mapping, $"Mapping: N_map = ⌈({edge.PerTaskSeconds:F3} s)/({end.PerTaskSeconds:F3} s)⌉ = {mapping.MappedEndDevicesPerEdge}; " +
            string.Join(", ", set.End.Select((id, i) => $"{id}→{mapping.FineTargets[i]}")));
    }

    // t^c and t^p of a tier, from its devices' profiles (their mean, should a tier mix several).
    private static TierCost Cost(IReadOnlyList<DeviceProfile> devices, Tier tier, int batch)
    {
        var ofTier = devices.Where(d => d.Tier == tier).ToList();
        if (ofTier.Count == 0)
        {
            return new TierCost(0, 0);
        }

        var unknown = ofTier.Where(d => d.MsPerImage <= 0).Select(d => d.Id).ToList();
        if (unknown.Count > 0)
        {
            throw new SchedulingException(
                $"Scheme Mapping needs each device's expected MsPerImage; {string.Join(", ", unknown)} have none (set it in the silo config, or use an emulated preset).");
        }

        return TierCost.Of(ofTier.Average(d => d.MsPerImage), batch, ofTier.Average(d => d.Link.RoundTripLatencyMs));
    }
}
