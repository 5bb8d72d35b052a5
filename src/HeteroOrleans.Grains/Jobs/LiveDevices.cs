namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// A job's view of which of its devices may take work now: the device monitor's live list, less the devices this job
/// has just seen straggle or fail (until the monitor hears from them again). Under a method that does not follow the
/// monitor (None, Reassign), every device the job started with counts as live, as in the paper.
/// </summary>
internal sealed class LiveDevices(IDeviceMonitorGrain monitor, JobDevices devices, bool followsMonitor)
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<string, (DateTime LastAnswerUtc, string Silo)> _suspects = new(StringComparer.Ordinal);
    private Dictionary<string, DeviceRegistration> _listed = devices.Profiles.Keys.ToDictionary(id => id, id => new DeviceRegistration(devices.Profiles[id], string.Empty), StringComparer.Ordinal);
    private DateTime _refreshedAt = DateTime.MinValue;
    private long _version = -1;
    private int _waiters;
    private string? _waitingFor;
    private string? _plannedWaitFor;

    /// <summary>What the job's tasks are waiting for, in words; null when none waits.</summary>
    public string? WaitingFor => _waiters > 0 ? _waitingFor : _plannedWaitFor;

    /// <summary>Notes what stages queued for room wait for (a role with no live device), in words; null for nothing.</summary>
    public void NoteWaiting(string? what) => _plannedWaitFor = what;

    /// <summary>
    /// Brings the monitor's list up to date, at most every 200 ms: what changed since the last read, the whole list the
    /// first time. An unreachable monitor leaves the last list in place.
    /// </summary>
    public async Task RefreshAsync()
    {
        if (!followsMonitor || DateTime.UtcNow - _refreshedAt < RefreshEvery)
        {
            return;
        }

        _refreshedAt = DateTime.UtcNow;
        try
        {
            var changes = await monitor.GetChangesAsync(_version);
            if (changes.Complete)
            {
                _listed = new Dictionary<string, DeviceRegistration>(StringComparer.Ordinal);
            }

            foreach (var device in changes.Devices.Where(d => devices.Profiles.ContainsKey(d.Profile.Id)))
            {
                if (device.Health == DeviceHealth.Up)
                {
                    _listed[device.Profile.Id] = device;
                }
                else
                {
                    _listed.Remove(device.Profile.Id);
                }
            }

            _version = changes.Version;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or SiloUnavailableException)
        {
            return;
        }

        // A probe answer after this job's suspicion clears it (the monitor's own clock dates both), and so does the
        // device coming back on another silo: that is a new start, whatever the old one did.
        foreach (var (id, suspected) in _suspects.ToList())
        {
            if (_listed.TryGetValue(id, out var listed) && (listed.LastAnswerUtc > suspected.LastAnswerUtc || listed.SiloAddress != suspected.Silo))
            {
                _suspects.Remove(id);
            }
        }
    }

    /// <summary>True when <paramref name="id"/> may take work now.</summary>
    public bool IsLive(string id) => !followsMonitor || (_listed.ContainsKey(id) && !_suspects.ContainsKey(id));

    /// <summary>Marks a device suspect for this job; true when it was not already.</summary>
    public bool Suspect(string id)
    {
        if (_suspects.ContainsKey(id))
        {
            return false;
        }

        // Dated by the last probe answer the monitor had listed, so that only a newer answer clears the suspicion.
        _suspects[id] = _listed.TryGetValue(id, out var listed) ? (listed.LastAnswerUtc, listed.SiloAddress) : (DateTime.MinValue, string.Empty);
        return true;
    }

    /// <summary>The job's devices that may take work now.</summary>
    public DeviceSet LiveSet()
    {
        string[] Live(IReadOnlyList<string> ids) => ids.Where(IsLive).ToArray();
        var all = devices.Set;
        return new DeviceSet(Live(all.End), Live(all.Edge), Live(all.Cloud));
    }

    /// <summary>The live devices of <paramref name="device"/>'s role, itself included when live.</summary>
    public IReadOnlyList<string> LivePeers(string device) => Peers(device).Where(IsLive).ToList();

    /// <summary>The job's devices of <paramref name="device"/>'s role, live or not. Adaptive's fine stage may go to any edge or cloud; the paper's schemes keep a stage within its tier.</summary>
    public IReadOnlyList<string> Peers(string device) =>
        devices.Profiles.GetValueOrDefault(device)?.Tier switch
        {
            null => [],
            Tier.End => devices.Set.End,
            _ when devices.Adaptive is { } adaptive => adaptive.FineDevices,
            Tier.Edge => devices.Set.Edge,
            _ => devices.Set.Cloud,
        };

    /// <summary>The role the scheme needs that has no live device, in words; null when the job can go on.</summary>
    public string? Missing() => StageRoles.Missing(devices.Spec.Scheme, LiveSet());

    /// <summary>
    /// Waits, visibly, until <paramref name="ready"/> holds (re-reading the monitor's list as it goes); false when
    /// <paramref name="cancellation"/> (the job's deadline or end) comes first.
    /// </summary>
    public async Task<bool> WaitAsync(Func<bool> ready, Func<string> what, CancellationToken cancellation)
    {
        await RefreshAsync();
        if (ready())
        {
            return true;
        }

        _waiters++;
        try
        {
            while (!ready())
            {
                _waitingFor = what();
                await Task.Delay(RefreshEvery, cancellation);
                await RefreshAsync();
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _waiters--;
        }
    }
}
