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
    [property: Id(4)] double MaxMs)
{
    /// <summary>Nearest-rank percentiles of <paramref name="waitsMs"/>; null when there are none.</summary>
    public static LatencySummary? Of(IEnumerable<double> waitsMs)
    {
        var sorted = waitsMs.Where(w => !double.IsNaN(w)).Order().ToArray();
        return sorted.Length == 0 ? null : new LatencySummary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    /// <summary>The nearest-rank <paramref name="p"/> percentile of <paramref name="sorted"/> (ascending, not empty).</summary>
    public static double Rank(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
