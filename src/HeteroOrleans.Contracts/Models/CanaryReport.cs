namespace HeteroOrleans.Contracts.Models;

/// <summary>
/// What a device saw of a candidate version on one caller's images: the candidate answered them, the active version
/// answered them again beside the traffic, and the two are compared.
/// </summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Candidate">The candidate that answered (<c>id@version</c>).</param>
/// <param name="Generation">The plan the device ran.</param>
/// <param name="Images">Images compared.</param>
/// <param name="Agreed">Images the candidate gave the active version's label.</param>
/// <param name="CandidateConfidence">Sum over the images of the candidate's softmax probability of its label.</param>
/// <param name="ActiveConfidence">Sum over the images of the active version's.</param>
/// <param name="CandidateMsPerImage">The candidate's compute time per image in the batch it ran in.</param>
/// <param name="ActiveMsPerImage">The active version's recent compute time per image on the same device; 0 when unknown.</param>
[GenerateSerializer, Immutable]
public sealed record CanaryReport(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Candidate,
    [property: Id(2)] long Generation,
    [property: Id(3)] int Images,
    [property: Id(4)] int Agreed,
    [property: Id(5)] double CandidateConfidence,
    [property: Id(6)] double ActiveConfidence,
    [property: Id(7)] double CandidateMsPerImage,
    [property: Id(8)] double ActiveMsPerImage);
