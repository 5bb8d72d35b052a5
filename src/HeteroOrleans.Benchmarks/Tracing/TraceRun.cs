using HeteroOrleans.Benchmarks.Serving;
using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Benchmarks.Tracing;

/// <summary>One measured stream at one sample rate.</summary>
/// <param name="Rate">Requests a second.</param>
/// <param name="SampleRate">The share of requests traced.</param>
/// <param name="Samples">The requests.</param>
/// <param name="SiloCpuMs">Processor time the silo processes used meanwhile.</param>
/// <param name="Traces">The traces the service kept of the stream's requests.</param>
/// <param name="FineParts">How the service split the time of each request answered fine in time.</param>
public sealed record TraceRun(
    double Rate, double SampleRate, IReadOnlyList<ServeSample> Samples, double SiloCpuMs, IReadOnlyList<ImageTrace> Traces, IReadOnlyList<(double LatencyMs, LatencyParts Parts)> FineParts)
{
    /// <summary>Silo processor time per request, ms.</summary>
    public double CpuMsPerRequest => SiloCpuMs / Math.Max(1, Samples.Count);

    /// <summary>Share of the requests traced.</summary>
    public double TracedShare => (double)Traces.Select(t => t.TraceId).Distinct().Count() / Math.Max(1, Samples.Count);

    /// <summary>The traces of requests answered fine in time.</summary>
    public IReadOnlyList<ImageTrace> FineTraces => [.. Traces.Where(t => t.Outcome == nameof(ServeOutcome.FineInTime))];

    /// <summary>Share of those that are complete, once each, and whose parts add up to their latency within the tolerance.</summary>
    public double CompleteShare =>
        FineTraces.Count == 0 ? double.NaN
        : (double)FineTraces.GroupBy(t => t.TraceId).Count(g => g.Count() == 1 && Accounts(g.Single())) / FineTraces.Count;

    /// <summary>The traces' parts against their latency: the median share of it they leave unaccounted.</summary>
    public double MedianUnaccounted => Sample.Of(FineTraces.Select(t => Math.Abs(t.LatencyMs - t.PartsMs) / t.LatencyMs)).Median;

    /// <summary>The fine p99, ms.</summary>
    public double FineP99 => ServePercentiles.FineP99(Samples);

    /// <summary>Requests not answered.</summary>
    public int Unanswered => Samples.Count(s => !s.Answered);

    private static bool Accounts(ImageTrace trace) =>
        trace.Complete && Math.Abs(trace.LatencyMs - trace.PartsMs) <= TraceBenchmarkOptions.PartsTolerance * trace.LatencyMs;
}
