using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Contracts.Devices;

/// <summary>
/// A batch of raw CIFAR-format images: <see cref="Count"/> images of 3,072 bytes each
/// (1,024 red, 1,024 green, 1,024 blue, row-major 32x32), pixel values 0-255.
/// An untrusted device refuses it unless <see cref="UntrustedMaySee"/> says the job chose to send raw pixels.
/// </summary>
/// <param name="UntrustedMaySee">Set only by a job whose privacy is Off: an untrusted device may then take the pixels.</param>
/// <param name="WorkId">Names this copy of the work (job, task, stage, copy), so the caller can ask the device how far it is.</param>
/// <param name="Priority">Work of high priority runs before normal work queued at the same device.</param>
/// <param name="AnswerWithinMs">
/// How long after it reaches the device its answer is still of use (the caller's deadline less the way back); the
/// device drops work it could not finish by then (<see cref="WorkExpiredException"/>). 0: no limit.
/// </param>
[GenerateSerializer, Immutable]
public sealed record PixelBatch(
    [property: Id(0)] int TaskIndex,
    [property: Id(1)] int Count,
    [property: Id(2)] byte[] Pixels,
    [property: Id(3)] bool UntrustedMaySee = false,
    [property: Id(4)] string WorkId = "",
    [property: Id(5)] RequestPriority Priority = RequestPriority.Normal,
    [property: Id(6)] double AnswerWithinMs = 0)
{
    /// <summary>Bytes of one 32x32 RGB image.</summary>
    public const int ImageBytes = 3 * 32 * 32;
}
