using System.Globalization;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Contracts.Jobs;

namespace HeteroOrleans.Cli.Output;

/// <summary>Prints a job report as tables.</summary>
public static class ReportView
{
    // Up to this many devices, the report lists each one.
    private const int ListedDevices = 40;

    /// <summary>Writes the summary, the per-tier and the per-device tables.</summary>
    public static void Write(IAnsiConsole console, JobReport report)
    {
        var spec = report.Spec;
        var seconds = report.MakespanMs / 1000;
        var summary = new Table().Title($"[bold]Job {report.JobId}[/]").AddColumn("").AddColumn("");
        summary.HideHeaders();
        summary.AddRow("state", report.State.ToString());
        summary.AddRow(new Text("scheme"), new Text(report.Plan));
        summary.AddRow("data", Markup.Escape(spec.DataDescription));
        summary.AddRow("images", $"{report.ImagesRecorded:N0} of {spec.ImageCount:N0} recorded once, {report.DuplicateResults} duplicate(s), {report.MissingImageCount} missing");
        var last = spec.ImageCount - (spec.TaskCount - 1) * spec.BatchSize;
        summary.AddRow("tasks", spec.TaskCount == 1 ? $"1 task of {spec.ImageCount} image(s)"
            : $"{spec.TaskCount} tasks of {spec.BatchSize} image(s){(last == spec.BatchSize ? string.Empty : $", the last of {last}")}");
        summary.AddRow("coarse accuracy", report.ImagesRecorded == 0 ? "n/a (no results)" : Percent(report.CoarseAccuracy) + " (20 classes)");
        summary.AddRow("fine accuracy", report.FineAccuracy is { } fine ? Percent(fine) + (spec.Escalate == Escalation.All ? " (100 classes)" : " (100 classes, escalated images)")
            : spec.Scheme == SchedulingScheme.End ? "n/a (no fine stage)" : "n/a (no fine results)");
        if (spec.Escalate != Escalation.All && spec.Scheme == SchedulingScheme.End)
        {
            summary.AddRow("escalated", "none: scheme End has no fine stage");
        }
        else if (spec.Escalate != Escalation.All && report.ImagesRecorded > 0)
        {
            var kept = report.KeptCoarseAccuracy is { } keptAccuracy ? $"; coarse accuracy of the rest {Percent(keptAccuracy)}" : string.Empty;
            var below = spec.Escalate == Escalation.Budget
                ? $"went to the fine stage against a budget of {Percent(spec.EscalationBudget)}, the least confident (the threshold it learnt ended at {report.EscalationThreshold:0.###})"
                : $"had a coarse confidence below {spec.EscalationThreshold:0.###} and went to the fine stage";
            summary.AddRow("escalated", $"{report.EscalatedImages:N0} of {report.ImagesRecorded:N0} image(s) ({Percent((double)report.EscalatedImages / report.ImagesRecorded)}) {below}{kept}");
        }

        summary.AddRow("faults", $"{spec.Faults}: {report.Timeouts} time-out(s), {report.Suspicions} device(s) suspected, {report.Retries} retried stage(s), {report.LostTasks} lost task(s)");
        summary.AddRow("hedges", $"{report.Hedges} backup cop(ies) for stragglers, {report.HedgesWon} answered first; {report.WastedImages:N0} image(s) of wasted work");
        if (report.Activations > 1)
        {
            summary.AddRow("job moved", $"{report.Activations - 1} time(s): it came back on another silo from its stored state; {report.RedoneImages:N0} image(s) of work lost with the silo were done again");
        }

        if (report.EndReason is { } reason)
        {
            summary.AddRow("ended", Markup.Escape(reason));
        }

        summary.AddRow("privacy", $"{spec.Privacy}: {report.EncryptedBatches} encrypted batch(es) ({spec.FeaturePrecision}), {report.RawBatchesToUntrusted} raw batch(es) to untrusted devices; {report.LinkBytes / 1e6:F1} MB sent");
        if (report.CutChanges is { Count: > 0 } moved)
        {
            summary.AddRow(new Text("cuts moved"), new Text(CutChanges(moved)));
        }

        if (report.Joins is { Count: > 0 } joins)
        {
            summary.AddRow(new Text("devices joined"), new Text(Joins(joins)));
        }

        summary.AddRow("makespan", $"{seconds:F2} s ({(seconds > 0 ? report.ImagesRecorded / seconds : 0):F0} images/s)");
        if (report.CoarseLatency is { } coarse)
        {
            summary.AddRow("answer latency", Latency("coarse", coarse) + (report.FineLatency is { } fineWait ? "\n" + Latency("fine", fineWait) : ""));
        }
        console.Write(summary);

        if (report.RawBatchesToUntrusted > 0)
        {
            console.MarkupLine($"[red]Warning:[/] privacy is Off: raw pixels of {report.RawBatchesToUntrusted} task(s) left the trusted tier for untrusted devices.");
        }

        if (report.MissingImageCount > 0)
        {
            console.MarkupLine($"[yellow]Missing images (first {Math.Min(20, report.MissingImageIds.Count)} of {report.MissingImageCount}):[/] {string.Join(", ", report.MissingImageIds.Take(20))}");
        }

        var tiers = new Table().Title("Per tier").AddColumns("tier", "mode", "devices", "tasks", "images", "busy (s)", "ms/image");
        foreach (var tier in report.Devices.GroupBy(d => d.Tier).OrderBy(g => g.Key))
        {
            var images = tier.Sum(d => d.Images);
            var busy = tier.Sum(d => d.BusyMs);
            tiers.AddRow(tier.Key.ToString(), string.Join(",", tier.Select(d => d.ComputeMode).Distinct()), tier.Count().ToString(), tier.Sum(d => d.Tasks).ToString(), images.ToString("N0"),
                (busy / 1000).ToString("F2"), (images == 0 ? 0 : busy / images).ToString("F3"));
        }

        console.Write(tiers);

        // Thousands of devices make no table: then the ones that failed and the busiest, up to a screenful.
        var shown = report.Devices.Count <= ListedDevices
            ? report.Devices
            : report.Devices.Where(d => d.Failures > 0).Concat(report.Devices.OrderByDescending(d => d.BusyMs)).DistinctBy(d => d.DeviceId).Take(ListedDevices).ToList();
        var title = shown.Count == report.Devices.Count ? "Per device" : $"Per device: {shown.Count} of {report.Devices.Count:N0}, those that failed and the busiest";
        var devices = new Table().Title(title).AddColumns("device", "tier", "model", "silo", "tasks", "fails", "images", "busy (s)", "ms/image");
        foreach (var d in shown)
        {
            devices.AddRow(d.DeviceId, d.Tier.ToString(), d.ModelId, Endpoint(d.SiloAddress), d.Tasks.ToString(), d.Failures.ToString(),
                d.Images.ToString("N0"), (d.BusyMs / 1000).ToString("F2"), d.MsPerImage.ToString("F3"));
        }

        console.Write(devices);
        var emulated = report.Devices.Count(d => d.ComputeMode == ComputeMode.Emulated);
        console.MarkupLine(emulated == report.Devices.Count ? "[grey]ms/image: the emulated devices' busy time per image (their profile's), excluding links and queueing.[/]"
            : emulated == 0 ? "[grey]ms/image: inference time measured on this machine, excluding links and queueing.[/]"
            : "[grey]ms/image: inference time measured on this machine (emulated devices: their profile's), excluding links and queueing.[/]");
    }

    // "S127.0.0.1:11111:154680658" (address, port, generation) reads best as its endpoint.
    private static string Endpoint(string siloAddress)
    {
        var parts = siloAddress.TrimStart('S').Split(':');
        return parts.Length >= 2 ? $"{parts[0]}:{parts[1]}" : siloAddress;
    }

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    // From each image's task submission to the answer: what the user waited, beside the makespan.
    // Each move as the job saw it: when (UTC), the device, the measured bandwidth (and the trusted side's speed when it
    // moved the cut) and the cuts; a long list keeps its ends.
    private static string CutChanges(IReadOnlyList<CutChange> moved)
    {
        string Line(CutChange c) => string.Create(CultureInfo.InvariantCulture,
            $"{c.AtUtc:HH:mm:ss.f} {c.DeviceId} at {(c.BandwidthMbps > 0 ? $"{c.BandwidthMbps:G3} Mbit/s" : "unlimited")}{(c.TrustedMsPerImage > 0 ? $", trusted side {c.TrustedMsPerImage:G3} ms/image" : "")}: '{c.From}' → '{c.To}'");
        var lines = moved.Count <= 8 ? moved.Select(Line) : [.. moved.Take(4).Select(Line), $"… {moved.Count - 8} more …", .. moved.TakeLast(4).Select(Line)];
        return $"{moved.Count} time(s), as the untrusted devices' measured links or the trusted side's load changed:\n" + string.Join("\n", lines);
    }

    private static string Joins(IReadOnlyList<DeviceJoin> joins)
    {
        string Line(DeviceJoin j) => string.Create(CultureInfo.InvariantCulture,
            $"{j.AtUtc:HH:mm:ss} {j.DeviceId} ({j.Tier}): {(j.FirstWorkUtc is { } first ? $"first work {(first - j.AtUtc).TotalSeconds:F2} s later" : "no work sent to it")}");
        var lines = joins.Count <= 8 ? joins.Select(Line) : [.. joins.Take(4).Select(Line), $"… {joins.Count - 8} more …", .. joins.TakeLast(4).Select(Line)];
        return $"{joins.Count} device(s) joined the cluster while the job ran and were added to its plan:\n" + string.Join("\n", lines);
    }

    private static string Latency(string stage, LatencySummary wait) =>
        $"{stage}: p50 {Seconds(wait.P50Ms)}, p95 {Seconds(wait.P95Ms)}, p99 {Seconds(wait.P99Ms)}, max {Seconds(wait.MaxMs)} ({wait.Images:N0} images)";

    private static string Seconds(double ms) => $"{ms / 1000:F2} s";
}
