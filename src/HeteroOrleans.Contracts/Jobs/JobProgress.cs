namespace HeteroOrleans.Contracts.Jobs;

/// <summary>A snapshot of a job's progress.</summary>
/// <param name="TasksDone">Tasks settled: every image has its result, or the task was given up.</param>
/// <param name="TasksHeld">Tasks this activation of the job holds (running, or waiting for a device).</param>
/// <param name="Activation">Counts the job's activations: it grows when the job comes back on another silo, whose tasks in flight were lost and must be submitted again.</param>
/// <param name="WaitingFor">What tasks wait for (for example "an Edge device"); null when nothing waits.</param>
/// <param name="Hedges">Backup copies sent for straggling stages so far.</param>
/// <param name="Silo">The silo the job's activation runs on.</param>
[GenerateSerializer, Immutable]
public sealed record JobProgress(
    [property: Id(0)] JobState State,
    [property: Id(1)] int TasksTotal,
    [property: Id(2)] int TasksDone,
    [property: Id(3)] int ImagesDone,
    [property: Id(4)] int TasksHeld = 0,
    [property: Id(5)] int Activation = 1,
    [property: Id(6)] string? WaitingFor = null,
    [property: Id(7)] int Hedges = 0,
    [property: Id(8)] string? Silo = null);
