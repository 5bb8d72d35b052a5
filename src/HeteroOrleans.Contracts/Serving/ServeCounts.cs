namespace HeteroOrleans.Contracts.Serving;

/// <summary>What the inference service has done since it started.</summary>
/// <param name="FineInTime">Requests answered with every fine answer in time.</param>
/// <param name="CoarseAtDeadline">Requests answered at their deadline with coarse answers.</param>
/// <param name="Refused">Requests not admitted.</param>
/// <param name="Cancelled">Requests their callers gave up.</param>
/// <param name="InFlight">Requests admitted and not yet answered.</param>
/// <param name="Batches">Batches the service sent to its devices.</param>
/// <param name="BatchedImages">Images those batches carried.</param>
/// <param name="Expired">Requests admitted that not even a coarse answer reached by their deadline.</param>
/// <param name="Limit">Requests the service lets in at once now (its admission limit).</param>
/// <param name="LagMs">How late the service's own timers run, smoothed: above a few milliseconds its machine's cores are all busy.</param>
[GenerateSerializer, Immutable]
public sealed record ServeCounts(
    [property: Id(0)] long FineInTime,
    [property: Id(1)] long CoarseAtDeadline,
    [property: Id(2)] long Refused,
    [property: Id(3)] long Cancelled,
    [property: Id(4)] int InFlight,
    [property: Id(5)] long Batches = 0,
    [property: Id(6)] long BatchedImages = 0,
    [property: Id(7)] int Limit = 0,
    [property: Id(8)] double LagMs = 0,
    [property: Id(9)] long Expired = 0)
{
    /// <summary>Images per batch on average; 0 before the first batch.</summary>
    public double MeanBatch => Batches == 0 ? 0 : (double)BatchedImages / Batches;
}
