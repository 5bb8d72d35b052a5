using HeteroOrleans.Benchmarks.Serving;
using HeteroOrleans.Contracts.Models;
using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Benchmarks.Rollout;

/// <summary>One run: the steady stream, then a worse version's canary, then a better version's canary and what followed.</summary>
/// <param name="Steady">The requests before any rollout.</param>
/// <param name="Worse">The worse version's rollout as decided.</param>
/// <param name="Better">The better version's rollout as decided.</param>
/// <param name="DuringBetter">The requests that ended from the better version's start to the end of the stream.</param>
/// <param name="WorseSeconds">From the worse version's start to its verdict.</param>
/// <param name="BetterSeconds">From the better version's start to its verdict.</param>
/// <param name="AfterModels">Fine answers after the better version's verdict, by the version that gave them.</param>
/// <param name="FineParts">How the service split the time of each request answered fine in time from the first rollout on.</param>
public sealed record RolloutRun(
    IReadOnlyList<ServeSample> Steady, RolloutState Worse, RolloutState Better, IReadOnlyList<ServeSample> DuringBetter, double WorseSeconds, double BetterSeconds,
    IReadOnlyDictionary<string, int> AfterModels, IReadOnlyList<(double LatencyMs, LatencyParts Parts)> FineParts)
{
    /// <summary>Requests of the better version's window the service did not answer, lost ones included.</summary>
    public int Failed => DuringBetter.Count(s => !s.Answered);

    /// <summary>The steady fine p99, ms.</summary>
    public double SteadyFineP99 => ServePercentiles.FineP99(Steady);

    /// <summary>The fine p99 from the better version's start to the end, ms.</summary>
    public double BetterFineP99 => ServePercentiles.FineP99(DuringBetter);

    /// <summary>Share of the fine answers after the verdict that the better version gave.</summary>
    public double AfterShare(string model) =>
        AfterModels.Values.Sum() is var all and > 0 ? (double)AfterModels.GetValueOrDefault(model) / all : 0;
}
