namespace HeteroOrleans.Grains.Jobs;

/// <summary>How a stage ended: with an answer, deferred to Reassign's second pass, or lost.</summary>
internal readonly record struct StageOutcome(InferenceResult? Result, bool Deferred)
{
    public static StageOutcome Lost => new(null, false);

    public static StageOutcome Defer => new(null, true);
}
