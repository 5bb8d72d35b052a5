using HeteroOrleans.Benchmarks.Serving;
using HeteroOrleans.Contracts.Serving;
using HeteroOrleans.Hosting.Operations;

namespace HeteroOrleans.Benchmarks.Rolling;

/// <summary>One roll under a steady stream: the stream before it, the stream during it, each silo's restart, and the device grains checked.</summary>
/// <param name="Steady">The requests of the steady stream before the roll.</param>
/// <param name="Rolling">The requests sent from the roll's start until a little after its end.</param>
/// <param name="Steps">Each silo's restart.</param>
/// <param name="Deactivated">Device grains of silos not being restarted that were deactivated meanwhile.</param>
/// <param name="Checked">Device grains checked so (each once per restart of another silo).</param>
/// <param name="FineParts">How the service split the time of each request answered fine in time during the roll.</param>
public sealed record RollRun(
    IReadOnlyList<ServeSample> Steady, IReadOnlyList<ServeSample> Rolling, IReadOnlyList<RestartStep> Steps, int Deactivated, int Checked,
    IReadOnlyList<(double LatencyMs, LatencyParts Parts)> FineParts)
{
    /// <summary>Requests without any answer: lost.</summary>
    public int Lost => Rolling.Count(s => s.Outcome is null);

    /// <summary>Requests answered with neither answer: refused, expired or cancelled.</summary>
    public int Failed => Rolling.Count(s => s.Outcome is not null && !s.Answered);

    /// <summary>What went wrong, by kind: outcomes other than an answer, and the errors of lost requests, with their counts.</summary>
    public string Troubles => string.Join(", ", Rolling.Where(s => !s.Answered)
        .GroupBy(s => s.Error ?? s.Outcome.ToString()).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"));

    /// <summary>The share of the roll's requests answered fine by their deadline.</summary>
    public double FineShare => Rolling.Count == 0 ? 0 : (double)Rolling.Count(s => s.Outcome == ServeOutcome.FineInTime) / Rolling.Count;

    /// <summary>The fine answers' p99 latency before the roll, ms.</summary>
    public double SteadyFineP99 => ServePercentiles.FineP99(Steady);

    /// <summary>The fine answers' p99 latency during the roll, ms.</summary>
    public double RollingFineP99 => ServePercentiles.FineP99(Rolling);

    /// <summary>The longest stop as a share of its silo's own bound.</summary>
    public double WorstStopShare => Steps.Max(s => s.Stopped / s.DrainBound);
}
