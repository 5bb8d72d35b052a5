
namespace HeteroOrleans.Benchmarks;

/// <summary>One threshold of <c>hetero bench escalation</c>.</summary>
/// <param name="Threshold">Confidence below which an image went on to the fine stage.</param>
/// <param name="EscalatedShare">Share of the images that went on.</param>
/// <param name="CoarseAccuracy">Coarse accuracy over every image.</param>
/// <param name="KeptCoarseAccuracy">Coarse accuracy over the images that kept their coarse answer; null when none did.</param>
/// <param name="FineAccuracy">Fine accuracy over the images that went on; null when none did.</param>
/// <param name="Makespan">Time to classify the set in each run, scaled back to the preset's times (seconds).</param>
public sealed record EscalationPoint(double Threshold, double EscalatedShare, double CoarseAccuracy, double? KeptCoarseAccuracy, double? FineAccuracy, Sample Makespan)
{
    /// <summary>The median makespan.</summary>
    public double MakespanSeconds => Makespan.Median;
}
