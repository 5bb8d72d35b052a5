using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Scheduling;

namespace HeteroOrleans.Client.Jobs;

/// <summary>How a job is cut and fed.</summary>
/// <param name="Scheme">Scheduling scheme. Default End-Edge.</param>
/// <param name="BatchSize">Images per task. Default 50, as in the paper.</param>
/// <param name="MaxTasksInFlight">Tasks submitted but not yet answered. Default 16: enough to keep 8 end devices and 4 edges busy behind 0.5 s links.</param>
/// <param name="Devices">How many devices of each tier to use; null: all.</param>
/// <param name="Latency">Link latencies replacing the profiles' for this job; null: the profiles'.</param>
public sealed record JobRunOptions(
    SchedulingScheme Scheme = SchedulingScheme.EndEdge,
    int BatchSize = 50,
    int MaxTasksInFlight = 16,
    DeviceLimits? Devices = null,
    LatencyOverrides? Latency = null);
