namespace HeteroOrleans.Contracts.Jobs;

/// <summary>One answer for one image, pushed to a job's followers as soon as the job has it.</summary>
/// <param name="ImageId">The image, numbered within the job.</param>
/// <param name="Stage">Coarse (first) or fine (later).</param>
/// <param name="Label">The class: of 20 for a coarse answer, of 100 for a fine one.</param>
/// <param name="Confidence">The model's softmax probability of <paramref name="Label"/>; NaN when not known (an answer read back from the job's record).</param>
/// <param name="DeviceId">The device that answered.</param>
/// <param name="LatencyMs">From the job taking in the image's task to this answer; NaN when not known.</param>
/// <param name="Model">The model and version that answered (<c>id@version</c>); null when not known.</param>
[GenerateSerializer, Immutable]
public sealed record ImageAnswer(
    [property: Id(0)] int ImageId,
    [property: Id(1)] AnswerStage Stage,
    [property: Id(2)] int Label,
    [property: Id(3)] float Confidence,
    [property: Id(4)] string DeviceId,
    [property: Id(5)] double LatencyMs,
    [property: Id(6)] string? Model = null);
