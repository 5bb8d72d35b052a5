using HeteroOrleans.Scheduling;

namespace HeteroOrleans.Contracts.Jobs;

/// <summary>What a job is asked to do.</summary>
/// <param name="Scheme">How fine-stage tasks are assigned.</param>
/// <param name="BatchSize">Images per task (the paper uses 50).</param>
/// <param name="ImageCount">Images the client will send; the job is complete when each has one result.</param>
/// <param name="DataDescription">Where the images come from, for the report.</param>
/// <param name="Devices">How many devices of each tier to use; null: all available.</param>
/// <param name="Latency">Link latencies that replace the profiles' for this job; null: the profiles'.</param>
[GenerateSerializer, Immutable]
public sealed record JobSpec(
    [property: Id(0)] SchedulingScheme Scheme,
    [property: Id(1)] int BatchSize,
    [property: Id(2)] int ImageCount,
    [property: Id(3)] string DataDescription,
    [property: Id(4)] DeviceLimits? Devices = null,
    [property: Id(5)] LatencyOverrides? Latency = null)
{
    /// <summary>Number of tasks the job is cut into.</summary>
    public int TaskCount => (ImageCount + BatchSize - 1) / BatchSize;
}
