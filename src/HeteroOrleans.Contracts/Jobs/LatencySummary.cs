namespace HeteroOrleans.Contracts.Jobs;

/// <summary>How long the images of a job waited for one kind of answer, counted from when their task was submitted.</summary>
/// <param name="Images">Images with such an answer.</param>
/// <param name="P50Ms">Median wait.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="MaxMs">Longest wait.</param>
[GenerateSerializer, Immutable]
public sealed record LatencySummary(
    [property: Id(0)] int Images,
    [property: Id(1)] double P50Ms,
    [property: Id(2)] double P95Ms,
    [property: Id(3)] double P99Ms,
    [property: Id(4)] double MaxMs);
