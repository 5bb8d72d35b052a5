namespace HeteroOrleans.Benchmarks;

/// <summary>One row of <c>bench chaos</c>.</summary>
/// <param name="Faults">The faults injected, in words.</param>
/// <param name="ImagesOnce">Images with exactly one result, as read back from the job.</param>
/// <param name="Duplicated">Images with more than one result.</param>
/// <param name="Missing">Images without a result.</param>
/// <param name="BoundSeconds">The fluid bound of the devices that survived (hung and killed ones left out, slowed ones at their speed).</param>
public sealed record ChaosRun(
    int Run, string Scheme, IReadOnlyList<string> Faults, bool Completed, int ImagesOnce, int Duplicated, int Missing,
    double MakespanSeconds, double BoundSeconds, int Hedges, int Activations, string? Error = null)
{
    /// <summary>Makespan over the fluid bound of what survived.</summary>
    public double Ratio => BoundSeconds > 0 ? MakespanSeconds / BoundSeconds : double.NaN;
}
