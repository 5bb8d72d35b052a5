namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>
/// Which of its devices a job may use now, as its fault policy sees them: through the device monitor (Monitor), or
/// all the devices it started with, whatever their state (the paper's None and Reassign). How a task gets its devices
/// follows from it: in arrival order over the live devices, or by the task's index over all of them.
/// </summary>
internal interface IDeviceView
{
    /// <summary>What the job's tasks are waiting for, in words; null when none waits.</summary>
    string? WaitingFor { get; }

    /// <summary>Changes whenever the set of live devices may have.</summary>
    long Version { get; }

    /// <summary>Notes what stages queued for room wait for (a role with no live device); null for nothing.</summary>
    void NoteWaiting(string? what);

    /// <summary>Brings the view up to date (at most every so often; an unreachable monitor leaves it as it was).</summary>
    Task RefreshAsync();

    /// <summary>True when <paramref name="id"/> may take work now.</summary>
    bool IsLive(string id);

    /// <summary>Marks a device suspect for this job (it straggled or failed); true when it was not already.</summary>
    bool Suspect(string id);

    /// <summary>The job's devices that may take work now.</summary>
    DeviceSet LiveSet();

    /// <summary>The live devices that may take over a stage <paramref name="device"/> runs, itself included when live.</summary>
    IReadOnlyList<string> LivePeers(string device);

    /// <summary>The role the scheme needs that has no live device, in words; null when the job can go on.</summary>
    string? Missing();

    /// <summary>
    /// Devices the view has seen up that are not the job's, each offered once: those that joined the cluster after the
    /// job started (always none where the job keeps the devices it started with).
    /// </summary>
    IReadOnlyList<DeviceRegistration> TakeNewcomers();

    /// <summary>Counts <paramref name="deviceId"/>, a newcomer the job added to its devices, among those it watches.</summary>
    void Admit(string deviceId);

    /// <summary>Waits, visibly, until <paramref name="ready"/> holds; false when <paramref name="cancellation"/> (the job's deadline or end) comes first.</summary>
    Task<bool> WaitAsync(Func<bool> ready, Func<string> what, CancellationToken cancellation);

    /// <summary>
    /// Where the stages of the task at <paramref name="taskIndex"/> run, as this view chooses devices (waiting while a
    /// role has none, where it waits); null when <paramref name="deadline"/> comes first.
    /// </summary>
    Task<ITaskPlacement?> PlaceAsync(int taskIndex, Func<string, int> load, CancellationToken deadline);
}
