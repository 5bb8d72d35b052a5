using System.Globalization;

namespace HeteroOrleans.Benchmarks.Adapting;

/// <summary>The table of <see cref="DriftBenchmark"/>.</summary>
public static class DriftReport
{
    /// <summary>Each job's threshold, share escalated (over the stream and over each window after the shift settled) and accuracies.</summary>
    public static string ToMarkdown(IReadOnlyList<DriftRun> runs, double budget)
    {
        var hindsight = runs.Single(r => r.Variant == DriftBenchmark.HindsightVariant).Report.FineAccuracy;
        var table = new MarkdownTable(
            "escalation", "threshold (start → end)", "escalated, whole stream", "escalated, windows after the shift settled (least–greatest)",
            "… farthest from the budget (points)", "fine accuracy (escalated)", "… against hindsight (points)", "coarse accuracy (kept)");
        foreach (var run in runs)
        {
            var farthest = run.Shares.Count == 0 ? double.NaN : run.Shares.Max(s => Math.Abs(s - budget)) * 100;
            table.Add(
                run.Variant,
                F($"{run.Threshold:0.000} → {run.EndThreshold:0.000}"),
                Percent(run.EscalatedShare),
                run.Shares.Count == 0 ? "-" : $"{Percent(run.Shares.Min())}–{Percent(run.Shares.Max())}",
                F($"{farthest:0.0}"),
                run.Report.FineAccuracy is { } fine ? Percent(fine) : "-",
                run.Report.FineAccuracy is { } mine && hindsight is { } best ? F($"{(mine - best) * 100:+0.0;-0.0;0.0}") : "-",
                run.Report.KeptCoarseAccuracy is { } kept ? Percent(kept) : "-");
        }

        return table.ToString();
    }

    private static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
