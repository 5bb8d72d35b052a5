using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Scheduling;

namespace HeteroOrleans.Client.Jobs;

/// <summary>How a job is cut and fed.</summary>
/// <param name="Scheme">Scheduling scheme. Default End-Edge.</param>
/// <param name="BatchSize">Images per task. Default 50, as in the paper.</param>
/// <param name="MaxTasksInFlight">Tasks the job runs at once. Default 32: enough to keep 13 devices busy, each with a task queued behind the one it runs.</param>
/// <param name="Devices">How many devices of each tier to use; null: all.</param>
/// <param name="Latency">Link latencies replacing the profiles' for this job; null: the profiles'.</param>
/// <param name="Faults">How the job survives failing devices. Default Monitor.</param>
/// <param name="TimeoutMs">The communication time-out's start and floor (devices get what they were seen to need). Default 500 ms, as in the paper.</param>
/// <param name="Privacy">What may travel to untrusted devices. Default EncryptAtEnd.</param>
/// <param name="FeaturePrecision">How encryption-head outputs travel. Default fp32.</param>
/// <param name="DeadlineMs">How long the job may wait for devices before it ends Failed. Default 10 min.</param>
public sealed record JobRunOptions(
    SchedulingScheme Scheme = SchedulingScheme.EndEdge,
    int BatchSize = JobSpec.DefaultBatchSize,
    int MaxTasksInFlight = JobSpec.DefaultMaxTasksInFlight,
    DeviceLimits? Devices = null,
    LatencyOverrides? Latency = null,
    FaultMethod Faults = FaultMethod.Monitor,
    double TimeoutMs = JobSpec.DefaultTimeoutMs,
    PrivacyMode Privacy = PrivacyMode.EncryptAtEnd,
    FeaturePrecision FeaturePrecision = FeaturePrecision.Fp32,
    double DeadlineMs = JobSpec.DefaultDeadlineMs)
{
    /// <summary>The job's spec for <paramref name="imageCount"/> images from <paramref name="source"/>.</summary>
    public JobSpec ToSpec(int imageCount, string source) =>
        new(Scheme, BatchSize, imageCount, source, Devices, Latency, Faults, TimeoutMs, MaxTasksInFlight, Privacy, FeaturePrecision, DeadlineMs);
}
