namespace HeteroOrleans.Contracts.Serving;

/// <summary>One image's answers.</summary>
/// <param name="CoarseLabel">Its super-class, of 20.</param>
/// <param name="CoarseConfidence">The end model's softmax probability of <paramref name="CoarseLabel"/>.</param>
/// <param name="CoarseDevice">The end device that answered.</param>
/// <param name="FineLabel">Its class, of 100; -1 when the fine answer did not come in time.</param>
/// <param name="FineConfidence">The fine model's probability of <paramref name="FineLabel"/>; NaN without one.</param>
/// <param name="FineDevice">The edge or cloud device that answered; null without a fine answer.</param>
/// <param name="FineTier">That device's tier; null without a fine answer.</param>
/// <param name="CoarseModel">The model and version that gave the coarse answer (<c>id@version</c>).</param>
/// <param name="FineModel">The one that gave the fine answer; null without one.</param>
[GenerateSerializer, Immutable]
public sealed record ServedImage(
    [property: Id(0)] int CoarseLabel,
    [property: Id(1)] float CoarseConfidence,
    [property: Id(2)] string CoarseDevice,
    [property: Id(3)] int FineLabel,
    [property: Id(4)] float FineConfidence,
    [property: Id(5)] string? FineDevice,
    [property: Id(6)] Tier? FineTier,
    [property: Id(7)] string? CoarseModel = null,
    [property: Id(8)] string? FineModel = null)
{
    /// <summary>True when the image's fine answer came in time.</summary>
    public bool FineInTime => FineLabel >= 0;
}
