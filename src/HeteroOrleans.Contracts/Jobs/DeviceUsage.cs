namespace HeteroOrleans.Contracts.Jobs;

/// <summary>What one device did for a job.</summary>
/// <param name="BusyMs">Inference time the device spent on this job's tasks (not counting queueing or links).</param>
[GenerateSerializer, Immutable]
public sealed record DeviceUsage(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] Tier Tier,
    [property: Id(2)] string ModelId,
    [property: Id(3)] ComputeMode ComputeMode,
    [property: Id(4)] string SiloAddress,
    [property: Id(5)] int Tasks,
    [property: Id(6)] int Images,
    [property: Id(7)] double BusyMs,
    [property: Id(8)] int Failures = 0)
{
    /// <summary>Mean inference time per image on this device.</summary>
    public double MsPerImage => Images == 0 ? 0 : BusyMs / Images;
}
