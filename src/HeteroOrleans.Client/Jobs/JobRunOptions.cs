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
/// <param name="TimeoutMs">Communication timeout past a task's expected time. Default 500 ms, as in the paper.</param>
/// <param name="Privacy">What may travel to untrusted devices. Default EncryptAtEnd.</param>
/// <param name="FeaturePrecision">How encryption-head outputs travel. Default fp32.</param>
public sealed record JobRunOptions(
    SchedulingScheme Scheme = SchedulingScheme.EndEdge,
    int BatchSize = 50,
    int MaxTasksInFlight = 32,
    DeviceLimits? Devices = null,
    LatencyOverrides? Latency = null,
    FaultMethod Faults = FaultMethod.Monitor,
    double TimeoutMs = 500,
    PrivacyMode Privacy = PrivacyMode.EncryptAtEnd,
    FeaturePrecision FeaturePrecision = FeaturePrecision.Fp32);
