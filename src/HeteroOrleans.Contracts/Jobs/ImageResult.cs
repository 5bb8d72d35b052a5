namespace HeteroOrleans.Contracts.Jobs;

/// <summary>The one recorded result of an image.</summary>
/// <param name="FineLabel">Fine label, or -1 when none was asked (a scheme without a fine stage, or an image its coarse answer was sure of).</param>
[GenerateSerializer, Immutable]
public sealed record ImageResult(
    [property: Id(0)] int ImageId,
    [property: Id(1)] int CoarseLabel,
    [property: Id(2)] int FineLabel,
    [property: Id(3)] string CoarseDevice,
    [property: Id(4)] string? FineDevice);
