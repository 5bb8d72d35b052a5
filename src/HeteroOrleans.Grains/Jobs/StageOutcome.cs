namespace HeteroOrleans.Grains.Jobs;

/// <summary>How a stage ended: with an answer, deferred to Reassign's second pass, or lost.</summary>
internal readonly record struct StageOutcome(InferenceResult? Result, bool Deferred)
{
    public static StageOutcome Lost => new(null, false);

    public static StageOutcome Defer => new(null, true);

    /// <summary>Dropped unrun by its device: its answer could not have come in time.</summary>
    public static StageOutcome TooLate => new(null, false) { Late = true };

    /// <summary>True when the stage's device dropped its work because it could not answer in time.</summary>
    public bool Late { get; init; }
}
