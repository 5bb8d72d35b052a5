using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Scheduling;

namespace HeteroOrleans.Contracts.Jobs;

/// <summary>What a job is asked to do.</summary>
/// <param name="Scheme">How fine-stage tasks are assigned.</param>
/// <param name="BatchSize">Images per task (the paper uses 50).</param>
/// <param name="ImageCount">Images the client will send; the job is complete when each has one result.</param>
/// <param name="DataDescription">Where the images come from, for the report.</param>
/// <param name="Devices">How many devices of each tier to use; null: all available.</param>
/// <param name="Latency">Link latencies that replace the profiles' for this job; null: the profiles'.</param>
/// <param name="Faults">How the job survives failing devices. Default <see cref="FaultMethod.Monitor"/>.</param>
/// <param name="TimeoutMs">The communication timeout: how long past a task's expected time a device may stay silent before the task counts as failed. Default 500 ms, as in the paper.</param>
/// <param name="MaxTasksInFlight">Tasks the job runs at once; further submissions wait (back-pressure). Default 32.</param>
/// <param name="Privacy">What may travel to untrusted devices. Default <see cref="PrivacyMode.EncryptAtEnd"/>.</param>
/// <param name="FeaturePrecision">How encryption-head outputs travel. Default fp32.</param>
[GenerateSerializer, Immutable]
public sealed record JobSpec(
    [property: Id(0)] SchedulingScheme Scheme,
    [property: Id(1)] int BatchSize,
    [property: Id(2)] int ImageCount,
    [property: Id(3)] string DataDescription,
    [property: Id(4)] DeviceLimits? Devices = null,
    [property: Id(5)] LatencyOverrides? Latency = null,
    [property: Id(6)] FaultMethod Faults = FaultMethod.Monitor,
    [property: Id(7)] double TimeoutMs = 500,
    [property: Id(8)] int MaxTasksInFlight = 32,
    [property: Id(9)] PrivacyMode Privacy = PrivacyMode.EncryptAtEnd,
    [property: Id(10)] FeaturePrecision FeaturePrecision = FeaturePrecision.Fp32)
{
    /// <summary>Number of tasks the job is cut into.</summary>
    public int TaskCount => (ImageCount + BatchSize - 1) / BatchSize;
}
