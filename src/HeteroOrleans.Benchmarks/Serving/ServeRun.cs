using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>What one load at one rate came to: rates, shares by outcome, latencies and the service's mean batch.</summary>
/// <param name="OfferedPerSecond">Requests sent a second.</param>
/// <param name="AnsweredPerSecond">Requests answered (fine or coarse) a second, over the load's time to its last answer less one median latency.</param>
/// <param name="FineInTimePerSecond">Of those, the ones with the fine answer in time.</param>
/// <param name="InTimePerSecond">Of those, the ones answered by the deadline plus <see cref="Grace"/> at the client.</param>
/// <param name="FineShare">Requests answered fine in time, over those sent.</param>
/// <param name="CoarseShare">Requests answered with the coarse answer at the deadline, over those sent.</param>
/// <param name="RefusedShare">Requests refused (429/503 over HTTP), over those sent.</param>
/// <param name="ExpiredShare">Requests admitted that not even the coarse answer reached by their deadline (503 over HTTP), over those sent.</param>
/// <param name="Lost">Requests with no answer at all (an error, a time-out).</param>
/// <param name="ByDeadlineShare">Of the requests admitted, those answered by their deadline plus 20 ms at the client.</param>
/// <param name="Fine">Latencies of the requests answered fine in time.</param>
/// <param name="Coarse">Latencies of the requests answered coarse at the deadline (null: none).</param>
/// <param name="HighFineP99Ms">The high-priority class's fine-in-time p99 (null: none).</param>
/// <param name="MeanBatch">Images per batch the service sent during the load.</param>
public sealed record ServeRun(
    double OfferedPerSecond, double AnsweredPerSecond, double FineInTimePerSecond, double InTimePerSecond, double FineShare, double CoarseShare, double RefusedShare, double ExpiredShare, int Lost,
    double ByDeadlineShare, LatencySummary? Fine, LatencySummary? Coarse, double? HighFineP99Ms, double MeanBatch)
{
    /// <summary>Grace past the deadline within which an answer still counts as by the deadline.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// True when the service kept up: at least nine in ten requests fine in time, 99 % answered by the deadline at the
    /// client, at most one in a hundred refused (the admission limit feels its way), none lost.
    /// </summary>
    public bool KeptUp => FineShare >= 0.9 && ByDeadlineShare >= 0.99 && RefusedShare <= 0.01 && Lost == 0;

    /// <summary>Sums up <paramref name="samples"/> of a load at <paramref name="rate"/> with <paramref name="deadline"/>.</summary>
    public static ServeRun Of(IReadOnlyList<ServeSample> samples, double rate, TimeSpan deadline, double meanBatch)
    {
        var answered = samples.Where(s => s.Answered).ToList();
        var fine = answered.Where(s => s.Outcome == ServeOutcome.FineInTime).ToList();
        var coarse = answered.Where(s => s.Outcome == ServeOutcome.CoarseAtDeadline).ToList();
        var admitted = samples.Where(s => s.Outcome != ServeOutcome.Refused).ToList();
        var inTime = answered.Count(s => s.LatencyMs <= (deadline + Grace).TotalMilliseconds);
        var medianMs = answered.Count == 0 ? 0 : LatencySummary.Rank(answered.Select(s => s.LatencyMs).Order().ToList(), 0.5);
        var seconds = answered.Count == 0 ? 1 : Math.Max(answered.Max(s => s.EndedAtMs) - medianMs, answered.Max(s => s.EndedAtMs) / 2) / 1000;
        var highFine = fine.Where(s => s.Priority == RequestPriority.High).Select(s => s.LatencyMs).Order().ToList();
        double Share(int count) => (double)count / samples.Count;
        return new ServeRun(
            rate, answered.Count / seconds, fine.Count / seconds, inTime / seconds, Share(fine.Count), Share(coarse.Count),
            Share(samples.Count(s => s.Outcome == ServeOutcome.Refused)), Share(samples.Count(s => s.Outcome == ServeOutcome.Expired)), samples.Count(s => s.Outcome is null),
            admitted.Count == 0 ? 1 : (double)inTime / admitted.Count,
            LatencySummary.Of(fine.Select(s => s.LatencyMs)), LatencySummary.Of(coarse.Select(s => s.LatencyMs)), highFine.Count == 0 ? null : LatencySummary.Rank(highFine, 0.99), meanBatch);
    }
}
