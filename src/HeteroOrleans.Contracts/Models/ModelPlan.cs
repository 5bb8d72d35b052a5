namespace HeteroOrleans.Contracts.Models;

/// <summary>Which versions of its model a device runs: every image on one, or a share of them on a candidate under canary.</summary>
/// <param name="Active">The version that answers (<c>id@version</c>).</param>
/// <param name="Candidate">The version under canary; null when there is none.</param>
/// <param name="CanaryShare">Share of the images the candidate answers, 0 to 1.</param>
/// <param name="Generation">Grows with each change of plan: a device keeps the newest it has been given.</param>
[GenerateSerializer, Immutable]
public sealed record ModelPlan(
    [property: Id(0)] string Active,
    [property: Id(1)] string? Candidate,
    [property: Id(2)] double CanaryShare,
    [property: Id(3)] long Generation);
