namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>
/// The paper's view (None, Reassign): every device the job started with counts as live, whatever the monitor says,
/// and task i goes where the scheme puts task i. A device the job saw fail is reported once, and still used.
/// </summary>
internal sealed class FixedDevices(IJobScheme scheme, TimeProvider time) : IDeviceView
{
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromMilliseconds(200);
    private readonly HashSet<string> _suspects = new(StringComparer.Ordinal);

    public string? WaitingFor => null;

    public long Version => 0;

    public void NoteWaiting(string? what)
    {
    }

    public Task RefreshAsync() => Task.CompletedTask;

    public bool IsLive(string id) => true;

    public bool Suspect(string id) => _suspects.Add(id);

    public DeviceSet LiveSet() => scheme.Devices;

    public IReadOnlyList<string> LivePeers(string device) => scheme.PeersOf(device);

    public string? Missing() => scheme.Missing(scheme.Devices);

    public IReadOnlyList<DeviceRegistration> TakeNewcomers() => [];

    public void Admit(string deviceId)
    {
    }

    public async Task<bool> WaitAsync(Func<bool> ready, Func<string> what, CancellationToken cancellation)
    {
        try
        {
            while (!ready())
            {
                await Task.Delay(RecheckEvery, time, cancellation);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public Task<ITaskPlacement?> PlaceAsync(int taskIndex, Func<string, int> load, CancellationToken deadline) =>
        Task.FromResult<ITaskPlacement?>(scheme.PlaceByIndex(taskIndex));
}
