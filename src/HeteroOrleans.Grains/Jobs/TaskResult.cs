namespace HeteroOrleans.Grains.Jobs;

/// <summary>How one task ended: both stages answered, deferred (with its coarse answer if it had one), or lost.</summary>
internal readonly record struct TaskResult(InferenceResult? Coarse, InferenceResult? Fine, bool Done, bool Deferred)
{
    /// <summary>A stage's device dropped its work unrun: its answer could not have come by the task's deadline.</summary>
    public bool Late { get; init; }
}
