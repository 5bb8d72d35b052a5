namespace HeteroOrleans.Contracts.Serving;

/// <summary>
/// Where a request's time went, along the path its answer waited for, as perf_analyzer splits a request: waiting
/// (for a batch at the service, for a device's lane, in a device's queue), on links, computing, and the rest.
/// </summary>
/// <param name="QueueMs">Waiting: for a batch at the service, for a device's lane, in a device's queue.</param>
/// <param name="LinkMs">On links, out and back.</param>
/// <param name="ComputeMs">Classifying on devices.</param>
/// <param name="HeadMs">Running an encryption head.</param>
/// <param name="OtherMs">The rest: messages between grains, the service's own turns.</param>
[GenerateSerializer, Immutable]
public sealed record LatencyParts(
    [property: Id(0)] double QueueMs,
    [property: Id(1)] double LinkMs,
    [property: Id(2)] double ComputeMs,
    [property: Id(3)] double HeadMs,
    [property: Id(4)] double OtherMs);
