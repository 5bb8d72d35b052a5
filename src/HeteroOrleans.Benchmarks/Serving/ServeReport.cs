using System.Globalization;

namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>A serving bench's result as Markdown: a table per transport, the saturation against the ceiling, the overload step.</summary>
public static class ServeReport
{
    /// <summary>
    /// The tables and the summary; <paramref name="ceiling"/> is the rate no serving can beat on these devices (raw ONNX
    /// Runtime, or the emulated devices' fluid capacity), named by <paramref name="ceilingName"/>.
    /// </summary>
    public static string ToMarkdown(ServeResult result, double ceiling, string ceilingName, TimeSpan overloadDeadline)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (transport, points) in result.Sweeps)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### {transport}").AppendLine().Append(Table(points)).AppendLine();
        }

        var client = result.Sweeps.Keys.First();
        var saturation = result.Saturation(client);
        text.AppendLine("### Saturation").AppendLine()
            .AppendLine(F($"- {client}: **{saturation:F0} answered/s** by the deadline, {saturation / ceiling:P0} of the {ceilingName} ({ceiling:F0} images/s); {FineLine(result, client, ceiling)}."));
        foreach (var other in result.Sweeps.Keys.Skip(1))
        {
            var rate = result.Saturation(other);
            text.AppendLine(F($"- {other}: **{rate:F0} answered/s** by the deadline, {rate / saturation:P0} of the {client}'s, {rate / ceiling:P0} of the {ceilingName}; {FineLine(result, other, ceiling)}."));
        }

        if (result.JobMakespanMs is { } job)
        {
            // The ceiling's time for the job's images: both models over each of them, every core busy.
            var raw = result.JobImages / ceiling * 1000;
            text.AppendLine().AppendLine("### Batch job").AppendLine()
                .AppendLine(F($"{result.JobImages:N0} images, Adaptive, tasks of 50, every link at 0: makespan **{job.Median / 1000:F2} s** [{job.Min / 1000:F2}–{job.Max / 1000:F2}], **{job.Median / raw:F2}×** the time its images take at the {ceilingName} ({raw / 1000:F2} s)."));
        }

        if (result.Overload is { } step)
        {
            text.AppendLine().AppendLine("### Overload step").AppendLine()
                .AppendLine(F($"{step.OfferedPerSecond:F0} requests/s ({ServeBenchmarkOptions.OverloadFactor:G}× the {client}'s saturation), deadline {overloadDeadline.TotalMilliseconds:G} ms, over the {client}:"))
                .AppendLine()
                .AppendLine(F($"- answered by the deadline + {ServeRun.Grace.TotalMilliseconds:G} ms: **{step.ByDeadlineShare:P2} of the admitted requests**; lost: **{step.Lost}**; refused: {step.RefusedShare:P1}; expired unanswered at the deadline: {step.ExpiredShare:P1};"))
                .AppendLine(F($"- fine in time: {step.FineShare:P1} of the requests, {step.FineInTimePerSecond:F0}/s ({step.FineInTimePerSecond / saturation:P0} of the saturation rate); coarse at the deadline: {step.CoarseShare:P1};"))
                .AppendLine(F($"- high priority, fine p99: {Ms(step.HighFineP99Ms)} ms against {Ms(result.UnloadedHighFineP99Ms)} ms unloaded ({step.HighFineP99Ms / result.UnloadedHighFineP99Ms:F2}×); mean batch {step.MeanBatch:F1}."));
        }

        return text.ToString();
    }

    private static string Table(IReadOnlyList<ServePoint> points)
    {
        var table = new MarkdownTable(
            "requests/s", "answered/s", "by deadline/s", "fine in time", "coarse at deadline", "refused", "expired", "lost", "fine p50 (ms)", "fine p95", "fine p99", "coarse p50 (ms)", "coarse p99", "mean batch");
        foreach (var p in points)
        {
            table.Add(F($"{p.OfferedPerSecond:G}"), p.Of(r => r.AnsweredPerSecond).ToString("F0") + (p.KeptUp ? "" : " (saturated)"), p.Of(r => r.InTimePerSecond).ToString("F0"),
                p.Of(r => r.FineShare * 100).ToString("F1") + " %", p.Of(r => r.CoarseShare * 100).ToString("F1") + " %", p.Of(r => r.RefusedShare * 100).ToString("F1") + " %", p.Of(r => r.ExpiredShare * 100).ToString("F1") + " %",
                p.Of(r => r.Lost).ToString("F0"),
                Cell(p, r => r.Fine?.P50Ms), Cell(p, r => r.Fine?.P95Ms), Cell(p, r => r.Fine?.P99Ms), Cell(p, r => r.Coarse?.P50Ms), Cell(p, r => r.Coarse?.P99Ms),
                p.Of(r => r.MeanBatch).ToString("F1"));
        }

        var varies = points.Any(p => p.Of(r => r.AnsweredPerSecond).Varies || p.Of(r => r.Fine?.P50Ms ?? 0).Varies);
        return table + (varies ? Environment.NewLine + Sample.Legend + Environment.NewLine : string.Empty);
    }

    // A latency of every run, or a dash where some run had no such answer.
    private static string Cell(ServePoint point, Func<ServeRun, double?> figure) =>
        point.Runs.All(r => figure(r) is not null) ? point.Of(r => figure(r)!.Value).ToString("F0") : "–";

    private static string Ms(double? value) => value is { } ms && double.IsFinite(ms) ? ms.ToString("F0", CultureInfo.InvariantCulture) : "–";

    // The fine answers in time at their best: what a full answer costs the devices, against what they can do.
    private static string FineLine(ServeResult result, string transport, double ceiling) =>
        F($"with the fine answer in time at most {result.FineSaturation(transport):F0}/s ({result.FineSaturation(transport) / ceiling:P0})");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
