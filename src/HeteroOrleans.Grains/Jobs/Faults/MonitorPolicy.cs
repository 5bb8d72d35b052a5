namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>
/// Ours, after the paper's Monitor: tasks go only to devices the monitor lists as live. Slow is not dead: a copy past
/// its time-out keeps running and gets a backup copy on another live device of its role (the first answer wins). A
/// failed copy is sent again at once to a live device; with none live, the task waits for one. Nothing is lost while a
/// device of each needed role lives; only the job's deadline ends the wait.
/// </summary>
internal sealed class MonitorPolicy : FaultPolicy
{
    /// <summary>Copies of one stage at most: the first, and backups while they straggle.</summary>
    public const int MaxCopies = 3;

    /// <inheritdoc />
    public override FaultMethod Method => FaultMethod.Monitor;

    /// <inheritdoc />
    public override StageDecision OnLate(StageSituation situation) =>
        situation.OtherDeviceAvailable && situation.CopiesRunning + 1 < MaxCopies ? StageDecision.Hedge : StageDecision.KeepWaiting;

    /// <inheritdoc />
    public override StageDecision OnFailed(StageSituation situation) =>
        situation.CopiesRunning > 0 ? StageDecision.KeepWaiting
        : situation.OtherDeviceAvailable ? StageDecision.RetryElsewhere
        : StageDecision.WaitForDevice;

    /// <inheritdoc />
    /// <remarks>Every device the cluster knows, up or not: tasks for a role whose devices are all down wait for one to come back.</remarks>
    public override IReadOnlyList<DeviceRegistration> StartingDevices(IReadOnlyList<DeviceRegistration> known, IReadOnlyList<DeviceRegistration> available) => known;

    /// <inheritdoc />
    public override IDeviceView Watch(IDeviceMonitorGrain monitor, IJobScheme scheme, IReadOnlyDictionary<string, DeviceProfile> profiles, TimeProvider time) =>
        new MonitoredDevices(monitor, scheme, profiles, time);
}
