namespace HeteroOrleans.Contracts.Jobs;

/// <summary>The answer for one task: the quick coarse labels, then the fine ones where a fine stage ran.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskOutcome(
    [property: Id(0)] int TaskIndex,
    [property: Id(1)] int[] CoarseLabels,
    [property: Id(2)] int[]? FineLabels,
    [property: Id(3)] string CoarseDevice,
    [property: Id(4)] string? FineDevice);
