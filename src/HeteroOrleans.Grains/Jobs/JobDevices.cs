namespace HeteroOrleans.Grains.Jobs;

/// <summary>The devices one job uses, with the job's link overrides applied, and the plan made over them.</summary>
internal sealed class JobDevices
{
    // Up to this many devices, plans and messages name each one.
    private const int ListedDevices = 16;

    private JobDevices(JobSpec spec, IReadOnlyDictionary<string, DeviceProfile> profiles, ITaskPlanner planner, string plan)
    {
        Spec = spec;
        Profiles = profiles;
        Planner = planner;
        Plan = plan;
        string[] Ids(Tier tier) => OfTier(tier).ToArray();
        Set = new DeviceSet(Ids(Tier.End), Ids(Tier.Edge), Ids(Tier.Cloud));
    }

    public JobSpec Spec { get; }

    /// <summary>The job's devices by role, each list in id order.</summary>
    public DeviceSet Set { get; }

    public IReadOnlyDictionary<string, DeviceProfile> Profiles { get; }

    /// <summary>The plan over every device the job chose.</summary>
    public ITaskPlanner Planner { get; }

    public string Plan { get; }

    /// <summary>The job's devices of <paramref name="tier"/>, in id order.</summary>
    public IReadOnlyList<string> OfTier(Tier tier) =>
        Profiles.Values.Where(p => p.Tier == tier).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();

    /// <summary>The Adaptive scheme's planner, which lives as long as the job and learns as it goes; null for the paper's schemes.</summary>
    public AdaptivePlanner? Adaptive => Planner as AdaptivePlanner;

    /// <summary>The same scheme planned over the job's devices that are live now; null when a needed role has none left.</summary>
    public ITaskPlanner? PlanOver(DeviceSet live)
    {
        try
        {
            var ids = live.End.Concat(live.Edge).Concat(live.Cloud).ToHashSet(StringComparer.Ordinal);
            return Select(Spec, Profiles.Values.Where(p => ids.Contains(p.Id)).Select(p => new DeviceRegistration(p, string.Empty)).ToList(),
                ignoreLimits: true).Planner;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Selects devices by the spec's limits and plans the scheme over them.</summary>
    /// <exception cref="InvalidOperationException">Too few devices, or a scheme that cannot run on them; the message says which.</exception>
    public static JobDevices Select(JobSpec spec, IReadOnlyList<DeviceRegistration> available, bool ignoreLimits = false)
    {
        var chosen = new List<DeviceProfile>();
        foreach (var tier in Enum.GetValues<Tier>())
        {
            var ofTier = available.Where(d => d.Profile.Tier == tier).Select(d => d.Profile).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            var wanted = ignoreLimits ? ofTier.Count : spec.Devices?.For(tier) ?? ofTier.Count;
            if (wanted < 0 || wanted > ofTier.Count)
            {
                throw new InvalidOperationException(
                    $"The job asks for {wanted} {tier} device(s); {ofTier.Count} are available ({available.Count} device(s) available in all: {Listed(available.Select(d => d.Profile.Id))}).");
            }

            var latency = ignoreLimits ? null : spec.Latency?.For(tier);
            chosen.AddRange(ofTier.Take(wanted).Select(p => latency is { } ms ? p with { Link = p.Link with { RoundTripLatencyMs = ms } } : p));
        }

        string[] Ids(Tier tier) => chosen.Where(p => p.Tier == tier).Select(p => p.Id).ToArray();
        var set = new DeviceSet(Ids(Tier.End), Ids(Tier.Edge), Ids(Tier.Cloud));
        try
        {
            if (spec.Scheme == SchedulingScheme.Adaptive)
            {
                var adaptive = AdaptivePlanner.Create(chosen, set, spec.BatchSize);
                return new JobDevices(spec, chosen.ToDictionary(p => p.Id), adaptive,
                    "Adaptive: each stage to the device of its role that finishes it first; windows " + Windows(chosen, adaptive));
            }

            if (spec.Scheme != SchedulingScheme.Mapping)
            {
                return new JobDevices(spec, chosen.ToDictionary(p => p.Id), RoundRobinPlanner.Create(spec.Scheme, set), $"{spec.Scheme}: round robin");
            }

            var end = Cost(chosen, Tier.End, spec.BatchSize);
            var edge = Cost(chosen, Tier.Edge, spec.BatchSize);
            // A job re-planning over the devices still live maps end devices left over to the edges when no cloud is left.
            var mapping = MappingPlanner.Create(set, end, edge, overflowToEdges: ignoreLimits);
            var plan = $"Mapping: N_map = ⌈({edge.PerTaskSeconds:F3} s)/({end.PerTaskSeconds:F3} s)⌉ = {mapping.MappedEndDevicesPerEdge}; " +
                       string.Join(", ", set.End.Select((id, i) => $"{id}→{mapping.FineTargets[i]}"));
            return new JobDevices(spec, chosen.ToDictionary(p => p.Id), mapping, plan);
        }
        catch (SchedulingException e)
        {
            // Sent to the caller as a plain InvalidOperationException so that any client can read it.
            throw new InvalidOperationException(e.Message);
        }
    }

    // Few devices: each one's window. Many: how many devices of each tier hold each window size.
    private static string Windows(IReadOnlyList<DeviceProfile> chosen, AdaptivePlanner adaptive) =>
        chosen.Count <= ListedDevices
            ? string.Join(", ", chosen.Select(p => $"{p.Id} {adaptive.Window(p.Id)}"))
            : string.Join(", ", chosen.GroupBy(p => (p.Tier, Window: adaptive.Window(p.Id))).OrderBy(g => g.Key)
                .Select(g => $"{g.Key.Window} on {g.Count():N0} {g.Key.Tier} device(s)"));

    // A message names a few devices, and counts the rest.
    private static string Listed(IEnumerable<string> ids)
    {
        var all = ids.ToList();
        return all.Count <= ListedDevices ? string.Join(", ", all) : $"{string.Join(", ", all.Take(ListedDevices))} and {all.Count - ListedDevices:N0} more";
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
