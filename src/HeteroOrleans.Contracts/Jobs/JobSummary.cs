namespace HeteroOrleans.Contracts.Jobs;

/// <summary>A job's progress as the job board last heard it, for live views.</summary>
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
    [property: Id(9)] int Activation = 1);
