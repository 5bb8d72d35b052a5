namespace HeteroOrleans.Contracts.Serving;

/// <summary>The inference service's answer to one request.</summary>
/// <param name="Outcome">How the request ended.</param>
/// <param name="Images">Each image's answers, in the request's order; empty when refused or cancelled.</param>
/// <param name="LatencyMs">From the service taking the request in to this answer.</param>
/// <param name="RetryAfter">When refused: how long to wait before trying again.</param>
/// <param name="Reason">When refused or cancelled: why, in words.</param>
[GenerateSerializer, Immutable]
public sealed record ServeReply(
    [property: Id(0)] ServeOutcome Outcome,
    [property: Id(1)] IReadOnlyList<ServedImage> Images,
    [property: Id(2)] double LatencyMs,
    [property: Id(3)] TimeSpan RetryAfter = default,
    [property: Id(4)] string? Reason = null)
{
    /// <summary>Where its time went, for an answered request; null otherwise.</summary>
    [Id(5)]
    public LatencyParts? Parts { get; init; }
}
