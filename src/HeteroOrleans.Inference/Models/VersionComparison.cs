namespace HeteroOrleans.Inference.Models;

/// <summary>How a candidate version of a model answers the same images as the version in use.</summary>
/// <param name="Baseline">The version in use (<c>id@version</c>).</param>
/// <param name="Candidate">The version compared with it.</param>
/// <param name="Images">Images both answered.</param>
/// <param name="Agreement">Share of the images the candidate gives the baseline's label.</param>
/// <param name="BaselineConfidence">The baseline's mean softmax probability of its label.</param>
/// <param name="CandidateConfidence">The candidate's.</param>
/// <param name="BaselineMsPerImage">The baseline's compute time per image, batches of 64 on one thread.</param>
/// <param name="CandidateMsPerImage">The candidate's.</param>
/// <param name="BaselineAccuracy">The baseline's share of true labels.</param>
/// <param name="CandidateAccuracy">The candidate's.</param>
public sealed record VersionComparison(
    string Baseline, string Candidate, int Images, double Agreement, double BaselineConfidence, double CandidateConfidence,
    double BaselineMsPerImage, double CandidateMsPerImage, double BaselineAccuracy, double CandidateAccuracy);
