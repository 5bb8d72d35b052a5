namespace HeteroOrleans.Inference.Cifar;

/// <summary>Consecutive images of a data set, copied out, with their true labels.</summary>
/// <param name="First">Index in the data set of the first image.</param>
/// <param name="Pixels">The images in CIFAR layout, <see cref="CifarDataset.ImageBytes"/> bytes each.</param>
/// <param name="CoarseLabels">True coarse label (0-19) per image.</param>
/// <param name="FineLabels">True fine label (0-99) per image.</param>
public sealed record CifarBatch(int First, byte[] Pixels, byte[] CoarseLabels, byte[] FineLabels)
{
    /// <summary>Number of images in the batch.</summary>
    public int Count => CoarseLabels.Length;
}
