using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Contracts.Jobs;

/// <summary>
/// One task of a job: a batch of consecutive images of the data set with their true labels,
/// the unit that travels and is scheduled.
/// </summary>
/// <param name="TaskIndex">0-based position of the task in the job.</param>
/// <param name="FirstImageId">Index in the data set of the first image of the batch.</param>
/// <param name="Pixels">The images in CIFAR layout, <see cref="Devices.PixelBatch.ImageBytes"/> bytes each.</param>
/// <param name="CoarseLabels">True coarse label (0-19) per image, for scoring.</param>
/// <param name="FineLabels">True fine label (0-99) per image, for scoring.</param>
/// <param name="Priority">Work of high priority runs before normal work queued at the same device.</param>
[GenerateSerializer, Immutable]
public sealed record ImageTask(
    [property: Id(0)] int TaskIndex,
    [property: Id(1)] int FirstImageId,
    [property: Id(2)] byte[] Pixels,
    [property: Id(3)] byte[] CoarseLabels,
    [property: Id(4)] byte[] FineLabels,
    [property: Id(5)] RequestPriority Priority = RequestPriority.Normal)
{
    /// <summary>Number of images in the task.</summary>
    public int Count => CoarseLabels.Length;
}
