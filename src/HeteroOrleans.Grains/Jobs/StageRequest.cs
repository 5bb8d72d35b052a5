namespace HeteroOrleans.Grains.Jobs;

/// <summary>One stage of one task, as the job asks for it.</summary>
/// <param name="Stage">"coarse" or "fine", for messages.</param>
/// <param name="TaskIndex">The task.</param>
/// <param name="Device">The device the plan chose.</param>
/// <param name="Send">Sends a copy of the stage to the copy's target; the function tells whether the target was suspected meanwhile.</param>
/// <param name="Order">Reassign's second pass: the devices to go through, in turn, each once; null otherwise.</param>
internal sealed record StageRequest(
    string Stage,
    int TaskIndex,
    string Device,
    Func<StageCopy, Func<bool>?, Task<InferenceResult?>> Send,
    IReadOnlyList<string>? Order = null);
