namespace HeteroOrleans.Contracts.Jobs;

/// <summary>A snapshot of a job's progress.</summary>
[GenerateSerializer, Immutable]
public sealed record JobProgress(
    [property: Id(0)] JobState State,
    [property: Id(1)] int TasksTotal,
    [property: Id(2)] int TasksDone,
    [property: Id(3)] int ImagesDone);
