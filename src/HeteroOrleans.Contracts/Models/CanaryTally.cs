namespace HeteroOrleans.Contracts.Models;

/// <summary>The canary's comparisons added up.</summary>
/// <param name="Images">Images the candidate answered and the active version answered again.</param>
/// <param name="Agreed">Of those, the images both gave one label.</param>
/// <param name="CandidateConfidence">Sum of the candidate's confidences.</param>
/// <param name="ActiveConfidence">Sum of the active version's.</param>
/// <param name="CandidateMs">Sum over images of the candidate's compute time per image.</param>
/// <param name="ActiveMs">Sum over images of the active version's, where known.</param>
/// <param name="TimedImages">Images whose report knew both compute times.</param>
[GenerateSerializer, Immutable]
public sealed record CanaryTally(
    [property: Id(0)] int Images = 0,
    [property: Id(1)] int Agreed = 0,
    [property: Id(2)] double CandidateConfidence = 0,
    [property: Id(3)] double ActiveConfidence = 0,
    [property: Id(4)] double CandidateMs = 0,
    [property: Id(5)] double ActiveMs = 0,
    [property: Id(6)] int TimedImages = 0)
{
    /// <summary>Share of the images both versions gave one label; 1 before any.</summary>
    public double Agreement => Images == 0 ? 1 : (double)Agreed / Images;

    /// <summary>The active version's mean confidence less the candidate's: how much less sure the candidate is.</summary>
    public double ConfidenceDrop => Images == 0 ? 0 : (ActiveConfidence - CandidateConfidence) / Images;

    /// <summary>The candidate's mean confidence less the active version's.</summary>
    public double ConfidenceChange => Images == 0 ? 0 : (CandidateConfidence - ActiveConfidence) / Images;

    /// <summary>The candidate's compute time per image over the active version's; 1 when unknown.</summary>
    public double LatencyRatio => TimedImages == 0 || ActiveMs <= 0 ? 1 : CandidateMs / ActiveMs;

    /// <summary>The tally with <paramref name="report"/> added.</summary>
    public CanaryTally Add(CanaryReport report)
    {
        var timed = report.ActiveMsPerImage > 0 && report.CandidateMsPerImage > 0;
        return new CanaryTally(
            Images + report.Images, Agreed + report.Agreed, CandidateConfidence + report.CandidateConfidence, ActiveConfidence + report.ActiveConfidence,
            CandidateMs + (timed ? report.CandidateMsPerImage * report.Images : 0), ActiveMs + (timed ? report.ActiveMsPerImage * report.Images : 0),
            TimedImages + (timed ? report.Images : 0));
    }
}
