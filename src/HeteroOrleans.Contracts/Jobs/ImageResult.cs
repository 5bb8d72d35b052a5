namespace HeteroOrleans.Contracts.Jobs;

/// <summary>The one recorded result of an image.</summary>
/// <param name="FineLabel">Fine label, or -1 when none was asked (a scheme without a fine stage, or an image its coarse answer was sure of).</param>
/// <param name="CoarseModel">The model and version that gave the coarse label (<c>id@version</c>); null when not recorded.</param>
/// <param name="FineModel">The one that gave the fine label; null without one.</param>
[GenerateSerializer, Immutable]
public sealed record ImageResult(
    [property: Id(0)] int ImageId,
    [property: Id(1)] int CoarseLabel,
    [property: Id(2)] int FineLabel,
    [property: Id(3)] string CoarseDevice,
    [property: Id(4)] string? FineDevice,
    [property: Id(5)] string? CoarseModel = null,
    [property: Id(6)] string? FineModel = null);
