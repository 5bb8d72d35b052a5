using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>One request of a load: its class, how it ended (null: lost, no answer at all) and when, as its client saw it.</summary>
/// <param name="Priority">The request's class.</param>
/// <param name="Outcome">How the service said it ended; null when it was lost.</param>
/// <param name="LatencyMs">From sending it to its answer, at the client.</param>
/// <param name="EndedAtMs">When its answer came, from the start of the load.</param>
/// <param name="Error">What a lost request failed with (the exception's type), for the report.</param>
public readonly record struct ServeSample(RequestPriority Priority, ServeOutcome? Outcome, double LatencyMs, double EndedAtMs, string? Error = null)
{
    /// <summary>True when the request was answered, fine or coarse.</summary>
    public bool Answered => Outcome is ServeOutcome.FineInTime or ServeOutcome.CoarseAtDeadline;
}
