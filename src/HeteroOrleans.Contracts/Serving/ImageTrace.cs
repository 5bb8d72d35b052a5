namespace HeteroOrleans.Contracts.Serving;

/// <summary>
/// The trace of one sampled request: where its time went, as parts along the path that made its latency (the wait for a
/// batch, then each step that the answer waited for).
/// </summary>
/// <param name="TraceId">The W3C trace id, to find the request's spans in a tracing back end.</param>
/// <param name="StartedUtc">When the request arrived.</param>
/// <param name="LatencyMs">From its arrival to its answer.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Images">Its images.</param>
/// <param name="Parts">The parts, in time order.</param>
[GenerateSerializer, Immutable]
public sealed record ImageTrace(
    [property: Id(0)] string TraceId,
    [property: Id(1)] DateTime StartedUtc,
    [property: Id(2)] double LatencyMs,
    [property: Id(3)] string Outcome,
    [property: Id(4)] int Images,
    [property: Id(5)] IReadOnlyList<TracePart> Parts)
{
    /// <summary>The parts' time together.</summary>
    public double PartsMs => Parts.Sum(p => p.DurationMs);

    /// <summary>Whether the trace has the wait for a batch and, for a fine answer, a fine step with its compute.</summary>
    public bool Complete =>
        Parts.Any(p => p.Step == "service") &&
        (Outcome != "FineInTime" || Parts.Any(p => p.Step is "fine" or "tail" && p.Name == "compute"));
}
