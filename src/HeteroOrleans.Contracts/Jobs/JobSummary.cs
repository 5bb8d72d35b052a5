namespace HeteroOrleans.Contracts.Jobs;

/// <summary>A job's progress as the job board last heard it, for live views.</summary>
/// <param name="CoarseLatency">Percentiles of the images' waits for their coarse answer so far.</param>
/// <param name="FineLatency">Percentiles of the images' waits for their fine answer so far.</param>
[GenerateSerializer, Immutable]
public sealed record JobSummary(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Plan,
    [property: Id(2)] JobState State,
    [property: Id(3)] int TasksTotal,
    [property: Id(4)] int TasksDone,
    [property: Id(5)] int ImagesDone,
    [property: Id(6)] DateTime UpdatedUtc,
    [property: Id(7)] string? WaitingFor = null,
    [property: Id(8)] int Hedges = 0,
    [property: Id(9)] int Activation = 1,
    [property: Id(10)] LatencySummary? CoarseLatency = null,
    [property: Id(11)] LatencySummary? FineLatency = null);
