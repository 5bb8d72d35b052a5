using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Contracts.Devices;

/// <summary>
/// The output of a model's head for a batch: what an untrusted device receives instead of pixels. Only the device
/// running that model can finish it (its tail from the same cut).
/// </summary>
/// <param name="Cut">The model, the cut and the encoding that produced the features; only that model's tail can read them.</param>
/// <param name="Dims">Shape of one image's features (for example 16, 32, 32).</param>
/// <param name="Data">The features, encoded as <see cref="FeatureCut.Precision"/> says, image after image.</param>
/// <param name="ComputeMs">Time the encrypting device spent on the head.</param>
/// <param name="EncryptedBy">The trusted device that ran the head.</param>
/// <param name="WorkId">Names this copy of the work, so the caller can ask the finishing device how far it is.</param>
/// <param name="Priority">Work of high priority runs before normal work queued at the same device.</param>
/// <param name="AnswerWithinMs">As for <see cref="PixelBatch.AnswerWithinMs"/>: 0, no limit.</param>
[GenerateSerializer, Immutable]
public sealed record FeatureBatch(
    [property: Id(0)] int TaskIndex,
    [property: Id(1)] int Count,
    [property: Id(2)] FeatureCut Cut,
    [property: Id(3)] int[] Dims,
    [property: Id(5)] byte[] Data,
    [property: Id(6)] double ComputeMs,
    [property: Id(7)] string EncryptedBy,
    [property: Id(8)] string WorkId = "",
    [property: Id(9)] RequestPriority Priority = RequestPriority.Normal,
    [property: Id(10)] double AnswerWithinMs = 0);
