using System.Globalization;
using ScottPlot;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// Confidence-based escalation swept over its threshold, like DDNN's local exits: for each threshold, the share of
/// images sent on to the fine stage, the accuracy of those that kept their coarse answer and of those that went on,
/// and the time to classify the set. Threshold 1 escalates every image (the paper's schemes); 0 escalates none.
/// </summary>
public sealed class EscalationBenchmark(IReadOnlyList<SiloSettings> settings, SchedulingScheme scheme, double timeScale, int runs, Action<string> log)
{
    /// <summary>The thresholds swept by default.</summary>
    public static IReadOnlyList<double> DefaultThresholds { get; } = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];

    /// <summary>Runs one job per threshold on <paramref name="data"/>.</summary>
    public async Task<IReadOnlyList<EscalationPoint>> RunAsync(CifarDataset data, IReadOnlyList<double> thresholds, CancellationToken cancellation)
    {
        await using var session = await BenchSession.StartAsync(settings, log, cancellation);
        await session.WarmAsync(data, [Job(1)], cancellation);
        var points = new List<EscalationPoint>();
        foreach (var threshold in thresholds)
        {
            // The answers, and so the shares and accuracies, are the same in every run; the time is not.
            var reports = new List<JobReport>();
            for (var run = 0; run < runs; run++)
            {
                reports.Add(await session.RunCompletedAsync(data, Job(threshold), $"threshold {threshold}", cancellation));
            }

            var report = reports[0];
            var point = new EscalationPoint(threshold, (double)report.EscalatedImages / report.ImagesRecorded, report.CoarseAccuracy,
                report.KeptCoarseAccuracy, report.FineAccuracy, Sample.Of(reports.Select(r => r.MakespanMs / 1000 * timeScale)));
            log($"threshold {threshold}: {point.EscalatedShare:P1} escalated, makespan {point.Makespan.ToString("F1")} s");
            points.Add(point);
        }

        return points;
    }

    /// <summary>The sweep as a Markdown table.</summary>
    public static string ToMarkdown(IReadOnlyList<EscalationPoint> points)
    {
        var table = new MarkdownTable("threshold", "escalated", "coarse accuracy (all)", "coarse accuracy (kept)", "fine accuracy (escalated)", "makespan (s)", "makespan / all escalated");
        var all = points.FirstOrDefault(p => p.EscalatedShare >= 1)?.MakespanSeconds ?? points.Max(p => p.MakespanSeconds);
        foreach (var p in points)
        {
            table.Add(p.Threshold.ToString("0.##", CultureInfo.InvariantCulture), Percent(p.EscalatedShare), Percent(p.CoarseAccuracy),
                p.KeptCoarseAccuracy is { } kept ? Percent(kept) : "—", p.FineAccuracy is { } fine ? Percent(fine) : "—",
                p.Makespan.ToString("F1"), p.Makespan.Over(all).ToString("F2"));
        }

        return table + (points.Any(p => p.Makespan.Varies) ? Environment.NewLine + Sample.Legend + Environment.NewLine : string.Empty);
    }

    /// <summary>The sweep as a PNG: shares and accuracies in percent against the threshold, the makespan as a percentage of escalating all.</summary>
    public static void SavePlot(IReadOnlyList<EscalationPoint> points, string path)
    {
        var chart = new LineChart("Escalating only uncertain images", "confidence threshold", "%");
        var all = points.Max(p => p.MakespanSeconds);
        chart.Measured("escalated", 0, points.Select(p => (p.Threshold, 100 * p.EscalatedShare)));
        chart.Measured("coarse accuracy of the kept", 1, points.Where(p => p.KeptCoarseAccuracy is not null).Select(p => (p.Threshold, 100 * p.KeptCoarseAccuracy!.Value)));
        chart.Measured("fine accuracy of the escalated", 2, points.Where(p => p.FineAccuracy is not null).Select(p => (p.Threshold, 100 * p.FineAccuracy!.Value)));
        chart.Measured("makespan (% of the longest)", 3, points.Select(p => (p.Threshold, 100 * p.MakespanSeconds / all)));
        chart.Save(path, Alignment.MiddleLeft);
    }

    private JobSpec Job(double threshold) => new(scheme, Escalate: threshold >= 1 ? Escalation.All : Escalation.Uncertain, EscalationThreshold: threshold);

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
}
