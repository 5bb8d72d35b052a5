namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>
/// Monitor's view: the device monitor's live list, less the devices this job has just seen straggle or fail (until the
/// monitor hears from them again). Tasks are placed in arrival order over the devices live now, and wait, visibly,
/// while a role the scheme needs has none.
/// </summary>
internal sealed class MonitoredDevices(IDeviceMonitorGrain monitor, IJobScheme scheme, IReadOnlyDictionary<string, DeviceProfile> profiles, TimeProvider time)
    : IDeviceView
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<string, (DateTime LastAnswerUtc, string Silo)> _suspects = new(StringComparer.Ordinal);
    private Dictionary<string, DeviceRegistration> _listed = profiles.Keys.ToDictionary(id => id, id => new DeviceRegistration(profiles[id], string.Empty), StringComparer.Ordinal);
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;
    private long _monitorVersion = -1;
    private int _waiters;
    private string? _waitingFor;
    private string? _plannedWaitFor;
    private (long Version, DeviceSet Set)? _liveSet;

    // Devices up that are not the job's, not yet offered to it; those offered, each once; and the last word on each.
    private readonly Dictionary<string, DeviceRegistration> _newcomers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _offered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceRegistration> _admitted = new(StringComparer.Ordinal);

    public string? WaitingFor => _waiters > 0 ? _waitingFor : _plannedWaitFor;

    public long Version { get; private set; }

    public void NoteWaiting(string? what) => _plannedWaitFor = what;

    /// <summary>
    /// Brings the monitor's list up to date, at most every 200 ms: what changed since the last read, the whole list the
    /// first time. An unreachable monitor leaves the last list in place.
    /// </summary>
    public async Task RefreshAsync()
    {
        if (time.GetUtcNow() - _refreshedAt < RefreshEvery)
        {
            return;
        }

        _refreshedAt = time.GetUtcNow();
        try
        {
            var changes = await monitor.GetChangesAsync(_monitorVersion);
            if (changes.Complete)
            {
                _listed = new Dictionary<string, DeviceRegistration>(StringComparer.Ordinal);
            }

            // The first read lists the cluster as this activation found it: what the job does not have then, it left out
            // on purpose (a count for its tier) or was planned without; only devices that join later are offered to it.
            var first = _monitorVersion < 0;
            foreach (var device in changes.Devices)
            {
                if (!profiles.ContainsKey(device.Profile.Id))
                {
                    Newcomer(device, first);
                }
                else if (device.Health == DeviceHealth.Up)
                {
                    _listed[device.Profile.Id] = device;
                }
                else
                {
                    _listed.Remove(device.Profile.Id);
                }
            }

            Version += changes.Version == _monitorVersion ? 0 : 1;
            _monitorVersion = changes.Version;
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
                Version++;
            }
        }
    }

    public IReadOnlyList<DeviceRegistration> TakeNewcomers()
    {
        var taken = _newcomers.Values.Where(d => d.Health == DeviceHealth.Up && _offered.Add(d.Profile.Id)).ToList();
        foreach (var device in taken)
        {
            _newcomers.Remove(device.Profile.Id);
            _admitted[device.Profile.Id] = device;
        }

        return taken;
    }

    public void Admit(string deviceId)
    {
        if (_admitted.Remove(deviceId, out var device) && device.Health == DeviceHealth.Up)
        {
            _listed[deviceId] = device;
        }

        Version++;
    }

    public bool IsLive(string id) => _listed.ContainsKey(id) && !_suspects.ContainsKey(id);

    // The last word on a device the job does not have: a newcomer until offered, then kept for its admission.
    private void Newcomer(DeviceRegistration device, bool known)
    {
        if (known)
        {
            _offered.Add(device.Profile.Id);
        }

        if (_offered.Contains(device.Profile.Id))
        {
            _admitted[device.Profile.Id] = device;
        }
        else
        {
            _newcomers[device.Profile.Id] = device;
        }
    }

    public bool Suspect(string id)
    {
        if (_suspects.ContainsKey(id))
        {
            return false;
        }

        // Dated by the last probe answer the monitor had listed, so that only a newer answer clears the suspicion.
        _suspects[id] = _listed.TryGetValue(id, out var listed) ? (listed.LastAnswerUtc, listed.SiloAddress) : (DateTime.MinValue, string.Empty);
        Version++;
        return true;
    }

    // Worked out again only when the view changed: a job over thousands of devices asks for it per task.
    public DeviceSet LiveSet()
    {
        if (_liveSet is { } known && known.Version == Version)
        {
            return known.Set;
        }

        string[] Live(IReadOnlyList<string> ids) => [.. ids.Where(IsLive)];
        var all = scheme.Devices;
        var set = new DeviceSet(Live(all.End), Live(all.Edge), Live(all.Cloud));
        _liveSet = (Version, set);
        return set;
    }

    public IReadOnlyList<string> LivePeers(string device) => [.. scheme.PeersOf(device).Where(IsLive)];

    public string? Missing() => scheme.Missing(LiveSet());

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
                await Task.Delay(RefreshEvery, time, cancellation);
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

    public async Task<ITaskPlacement?> PlaceAsync(int taskIndex, Func<string, int> load, CancellationToken deadline)
    {
        ITaskPlacement? placement = null;
        var ready = await WaitAsync(() => (placement = scheme.PlaceOver(LiveSet(), Version, load)) is not null, () => Missing() ?? "a live device", deadline);
        return ready ? placement : null;
    }
}
