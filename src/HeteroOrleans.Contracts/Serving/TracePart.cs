namespace HeteroOrleans.Contracts.Serving;

/// <summary>One part of a request's time.</summary>
/// <param name="Name"><c>queued</c>, <c>link out</c>, <c>compute</c>, <c>head</c> (encryption) or <c>link back</c>.</param>
/// <param name="Step">The step it belongs to (<c>service</c> for the wait for a batch, else <c>coarse</c>, <c>fine</c>, <c>head</c>, <c>tail</c>).</param>
/// <param name="DeviceId">The device, for a step's parts; null for the service's.</param>
/// <param name="StartMs">From the request's arrival.</param>
/// <param name="DurationMs">How long it took.</param>
[GenerateSerializer, Immutable]
public sealed record TracePart(
    [property: Id(0)] string Name,
    [property: Id(1)] string Step,
    [property: Id(2)] string? DeviceId,
    [property: Id(3)] double StartMs,
    [property: Id(4)] double DurationMs);
