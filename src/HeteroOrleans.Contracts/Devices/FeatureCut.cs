namespace HeteroOrleans.Contracts.Devices;

/// <summary>Where a model is cut for an untrusted device, and how the tensor at the cut travels.</summary>
/// <param name="ModelId">The model cut: the one the untrusted device runs.</param>
/// <param name="Tensor">The tensor at the cut; the head computes it from the pixels, the tail finishes from it.</param>
/// <param name="Precision">How the tensor's values are encoded for the link.</param>
/// <param name="HeadWork">
/// What one image's head costs the trusted devices, in images of their own model (its operations over their model's);
/// 0 when not known. The job's time-outs for a head scale by it: a deep head takes longer than the device's own work.
/// </param>
[GenerateSerializer, Immutable]
public sealed record FeatureCut(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string Tensor,
    [property: Id(2)] FeaturePrecision Precision,
    [property: Id(3)] double HeadWork = 0)
{
    /// <inheritdoc />
    public override string ToString() => $"{ModelId} at '{Tensor}', {Precision}";
}
