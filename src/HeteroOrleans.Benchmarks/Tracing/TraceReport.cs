using System.Globalization;
using HeteroOrleans.Benchmarks.Serving;

namespace HeteroOrleans.Benchmarks.Tracing;

/// <summary>The tables of <see cref="TraceBenchmark"/>: cost and completeness over the pairs, and the split of the requests' time.</summary>
public static class TraceReport
{
    /// <summary>The figures, each the median of the runs with the least and greatest beside it.</summary>
    public static string ToMarkdown(IReadOnlyList<TraceRun> runs, double sampleRate, IReadOnlyList<(SaturatedRun Untraced, SaturatedRun Traced)> saturated) =>
        $"""
        Saturated, in one process ({TracedThroughput.Concurrency:N0} requests in flight all the while):

        {new MarkdownTable("figure", "untraced", $"{sampleRate:P0} traced")
            .Add("answers a second", Sample.Of(saturated.Select(p => p.Untraced.AnswersPerSecond)).ToString("0"), Sample.Of(saturated.Select(p => p.Traced.AnswersPerSecond)).ToString("0"))
            .Add("… traced over untraced, pair by pair", "", Sample.Of(saturated.Select(p => p.Traced.AnswersPerSecond / p.Untraced.AnswersPerSecond - 1)).ToString(v => (100 * v).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %"))
            .Add($"processors busy (of {Environment.ProcessorCount})", Sample.Of(saturated.Select(p => p.Untraced.ProcessorShare)).ToString(Percent), Sample.Of(saturated.Select(p => p.Traced.ProcessorShare)).ToString(Percent))}

        {string.Join("\n\n", runs.Select(r => r.Rate).Distinct().Select(rate => $"At {rate.ToString(CultureInfo.InvariantCulture)} requests a second:\n\n{Figures([.. runs.Where(r => r.Rate == rate)], sampleRate)}"))}

        {Split(runs)}

        {Sample.Legend}
        """;

    private static string Percent(double share) => (100 * share).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static MarkdownTable Figures(IReadOnlyList<TraceRun> runs, double sampleRate)
    {
        var (off, on) = (runs.Where(r => r.SampleRate == 0).ToList(), runs.Where(r => r.SampleRate > 0).ToList());
        string Of(IEnumerable<TraceRun> of, Func<TraceRun, double> figure, string format, string unit = "") =>
            Sample.Of(of.Select(figure)).ToString(v => v.ToString(format, CultureInfo.InvariantCulture) + unit);
        var cost = off.Zip(on, (a, b) => b.CpuMsPerRequest / a.CpuMsPerRequest - 1).ToList();
        var figures = new MarkdownTable("figure", "untraced", $"{sampleRate:P0} traced")
            .Add("requests", Of(off, r => r.Samples.Count, "0"), Of(on, r => r.Samples.Count, "0"))
            .Add("unanswered", Of(off, r => r.Unanswered, "0"), Of(on, r => r.Unanswered, "0"))
            .Add("fine p99 (ms)", Of(off, r => r.FineP99, "0"), Of(on, r => r.FineP99, "0"))
            .Add("silo processor time per request (ms)", Of(off, r => r.CpuMsPerRequest, "0.00"), Of(on, r => r.CpuMsPerRequest, "0.00"))
            .Add("… traced over untraced, pair by pair", "", Sample.Of(cost).ToString(v => (100 * v).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %"))
            .Add("requests traced", "", Of(on, r => 100 * r.TracedShare, "0.0", " %"))
            .Add("traces of fine answers", "", Of(on, r => r.FineTraces.Count, "0"))
            .Add($"… complete, once each, parts within {TraceBenchmarkOptions.PartsTolerance:P0} of the latency", "", Of(on, r => 100 * r.CompleteShare, "0.0", " %"))
            .Add("… median share of the latency the parts leave out", "", Of(on, r => 100 * r.MedianUnaccounted, "0.00", " %"));
        return figures;
    }

    private static string Split(IReadOnlyList<TraceRun> runs)
    {
        var parts = runs.SelectMany(r => r.FineParts).ToList();
        return $"""
            Where the time of the {parts.Count:N0} requests answered fine in time went (every run), along the path each answer waited for:

            {LatencySplit.ToTable(parts)}
            """;
    }
}
