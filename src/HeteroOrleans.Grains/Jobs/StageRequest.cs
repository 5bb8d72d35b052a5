namespace HeteroOrleans.Grains.Jobs;

/// <summary>One stage of one task, as the job asks for it.</summary>
/// <param name="Stage">"coarse" or "fine", for messages.</param>
/// <param name="TaskIndex">The task.</param>
/// <param name="Device">The device the scheme chose.</param>
/// <param name="Sender">Sends a copy of the stage to the copy's target.</param>
/// <param name="Order">Reassign's second pass: the devices to go through, in turn, each once; null otherwise.</param>
/// <param name="AnswerBy">When the stage's answer is wanted by (a timestamp of the job's clock; a request's deadline); 0: no deadline.</param>
internal sealed record StageRequest(string Stage, int TaskIndex, string Device, IStageSender Sender, IReadOnlyList<string>? Order = null, long AnswerBy = 0);
