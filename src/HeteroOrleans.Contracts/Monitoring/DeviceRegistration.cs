namespace HeteroOrleans.Contracts.Monitoring;

/// <summary>A device known to the cluster, the silo that hosts it, and the monitor's view of its health.</summary>
/// <param name="Reason">Why the device is not up (a silo's death, a missed probe, a job's report); empty when up.</param>
/// <param name="SinceUtc">When the health last changed.</param>
/// <param name="LastAnswerUtc">When the device last answered a probe; default when it never has.</param>
[GenerateSerializer, Immutable]
public sealed record DeviceRegistration(
    [property: Id(0)] DeviceProfile Profile,
    [property: Id(1)] string SiloAddress,
    [property: Id(2)] DeviceHealth Health = DeviceHealth.Up,
    [property: Id(3)] string Reason = "",
    [property: Id(4)] DateTime SinceUtc = default,
    [property: Id(5)] DateTime LastAnswerUtc = default);
