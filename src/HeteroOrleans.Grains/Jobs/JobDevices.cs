namespace HeteroOrleans.Grains.Jobs;

/// <summary>The devices one job uses, with the job's link overrides applied, and its scheme planned over them.</summary>
internal sealed class JobDevices
{
    // Up to this many devices, messages name each one.
    private const int ListedDevices = 16;

    private readonly Dictionary<string, DeviceProfile> _profiles;

    private JobDevices(Dictionary<string, DeviceProfile> profiles, IJobScheme scheme) => (_profiles, Scheme) = (profiles, scheme);

    /// <summary>The job's devices by id, those that joined while it ran included: every part of the job reads this one table.</summary>
    public IReadOnlyDictionary<string, DeviceProfile> Profiles => _profiles;

    /// <summary>The job's scheme, planned over its devices once.</summary>
    public IJobScheme Scheme { get; }

    /// <summary>
    /// Takes the first devices of each tier that the spec's limits allow, applies its link overrides, and plans its scheme
    /// over them on <paramref name="time"/>. <paramref name="asChosen"/>: the devices were chosen already (a stored job).
    /// </summary>
    /// <exception cref="InvalidOperationException">Too few devices, or a scheme that cannot run on them; the message says which.</exception>
    public static JobDevices Select(JobSpec spec, IReadOnlyList<DeviceProfile> available, TimeProvider time, bool asChosen = false)
    {
        var chosen = new List<DeviceProfile>();
        foreach (var tier in Enum.GetValues<Tier>())
        {
            var ofTier = available.Where(d => d.Tier == tier).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            var wanted = asChosen ? ofTier.Count : spec.Devices?.For(tier) ?? ofTier.Count;
            if (wanted < 0 || wanted > ofTier.Count)
            {
                throw new InvalidOperationException(
                    $"The job asks for {wanted} {tier} device(s); {ofTier.Count} are available ({available.Count} device(s) available in all: {Listed(available.Select(d => d.Id))}).");
            }

            var latency = asChosen ? null : spec.Latency?.For(tier);
            chosen.AddRange(ofTier.Take(wanted).Select(p => latency is { } roundTrip ? p with { Link = p.Link with { RoundTripLatencyMs = roundTrip.TotalMilliseconds } } : p));
        }

        try
        {
            return new JobDevices(chosen.ToDictionary(p => p.Id, StringComparer.Ordinal), JobSchemes.Create(spec.Scheme, chosen, spec.BatchSize, time));
        }
        catch (SchedulingException e)
        {
            // Sent to the caller as a plain InvalidOperationException so that any client can read it.
            throw new InvalidOperationException(e.Message);
        }
    }

    /// <summary>
    /// Adds <paramref name="profile"/>, a device that joined while the job runs, when the scheme's plan takes it
    /// (<see cref="IJobScheme.Join"/>); false when it does not, or the device is the job's already.
    /// </summary>
    public bool Join(DeviceProfile profile)
    {
        if (_profiles.ContainsKey(profile.Id) || !Scheme.Join(profile))
        {
            return false;
        }

        _profiles[profile.Id] = profile;
        return true;
    }

    // A message names a few devices, and counts the rest.
    private static string Listed(IEnumerable<string> ids)
    {
        var all = ids.ToList();
        return all.Count <= ListedDevices ? string.Join(", ", all) : $"{string.Join(", ", all.Take(ListedDevices))} and {all.Count - ListedDevices:N0} more";
    }
}
