using HeteroOrleans.Scheduling;

namespace HeteroOrleans.Client.Jobs;

/// <summary>How a job is cut and fed.</summary>
/// <param name="Scheme">Scheduling scheme. Default End-Edge.</param>
/// <param name="BatchSize">Images per task. Default 50, as in the paper.</param>
/// <param name="MaxTasksInFlight">Tasks submitted but not yet answered. Default 16: enough to keep 8 end devices and 4 edges busy behind 0.5 s links.</param>
public sealed record JobRunOptions(SchedulingScheme Scheme = SchedulingScheme.EndEdge, int BatchSize = 50, int MaxTasksInFlight = 16);
