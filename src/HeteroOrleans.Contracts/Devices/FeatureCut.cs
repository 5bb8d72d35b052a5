namespace HeteroOrleans.Contracts.Devices;

/// <summary>Where a model is cut for an untrusted device, and how the tensor at the cut travels.</summary>
/// <param name="ModelId">The model cut: the one the untrusted device runs.</param>
/// <param name="Tensor">The tensor at the cut; the head computes it from the pixels, the tail finishes from it.</param>
/// <param name="Precision">How the tensor's values are encoded for the link.</param>
[GenerateSerializer, Immutable]
public sealed record FeatureCut(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string Tensor,
    [property: Id(2)] FeaturePrecision Precision)
{
    /// <inheritdoc />
    public override string ToString() => $"{ModelId} at '{Tensor}', {Precision}";
}
