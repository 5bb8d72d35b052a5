namespace HeteroOrleans.Contracts.Devices;

/// <summary>A device's answer to "how far is this work": what lets a caller tell a busy device from a dead one.</summary>
/// <param name="Phase">Queued, running, or unknown to the device.</param>
/// <param name="RunningMs">How long the device has been computing it; 0 unless running.</param>
[GenerateSerializer, Immutable]
public sealed record WorkProgress(
    [property: Id(0)] WorkPhase Phase,
    [property: Id(1)] double RunningMs = 0)
{
    /// <summary>The device does not hold the work.</summary>
    public static WorkProgress Unknown { get; } = new(WorkPhase.Unknown);
}
