namespace HeteroOrleans.Contracts.Models;

/// <summary>A model's rollout on a tier: phase, versions, and what the canary has measured so far.</summary>
/// <param name="Phase">Where it stands.</param>
/// <param name="Plan">The versions the devices are told to run.</param>
/// <param name="Spec">The rollout last started; null when none was.</param>
/// <param name="Compared">What the canary measured.</param>
/// <param name="Devices">Devices that took the current plan.</param>
/// <param name="Reason">Why it was rolled back or out; null while it runs.</param>
/// <param name="DecidedAtUtc">When it was decided.</param>
[GenerateSerializer, Immutable]
public sealed record RolloutState(
    [property: Id(0)] RolloutPhase Phase,
    [property: Id(1)] ModelPlan Plan,
    [property: Id(2)] RolloutSpec? Spec,
    [property: Id(3)] CanaryTally Compared,
    [property: Id(4)] int Devices,
    [property: Id(5)] string? Reason,
    [property: Id(6)] DateTime? DecidedAtUtc);
