using System.Globalization;
using HeteroOrleans.Benchmarks.Serving;

namespace HeteroOrleans.Benchmarks.Checking;

/// <summary>Holds each bench's measurements to their lines (<see cref="CheckLimits"/>): one <see cref="CheckLine"/> per headline figure.</summary>
public static class CheckVerdicts
{
    /// <summary>Adaptive within its line of the bound at each N_end measured.</summary>
    public static IEnumerable<CheckLine> Schemes(IReadOnlyList<SchemeMeasurement> points) =>
        points.Where(p => p.Scheme == SchedulingScheme.Adaptive).Select(p =>
            AtMost("schemes", $"Adaptive / bound at N_end = {p.EndDevices}", p.OverBound, CheckLimits.AdaptiveOverBound));

    /// <summary>Monitor within its line of the bound with 0 images lost, and None completing without failures.</summary>
    public static IEnumerable<CheckLine> Faults(IReadOnlyList<FaultMeasurement> cells)
    {
        foreach (var cell in cells.Where(c => c.Method == FaultMethod.Monitor))
        {
            yield return cell.Completed
                ? AtMost("faults", $"Monitor / bound at k = {cell.Failures}", cell.OverBound, CheckLimits.MonitorOverBound)
                : new CheckLine("faults", $"Monitor / bound at k = {cell.Failures}", "failed", $"≤ {Two(CheckLimits.MonitorOverBound)}", false);
            yield return new CheckLine("faults", $"images lost under Monitor at k = {cell.Failures}", N(cell.LostImages), "= 0", cell.LostImages == 0);
        }

        foreach (var cell in cells.Where(c => c.Method == FaultMethod.None && c.Failures == 0))
        {
            yield return new CheckLine("faults", "None at k = 0", cell.Completed ? "completed" : $"failed, {N(cell.LostImages)} images lost", "completes", cell.Completed);
        }
    }

    /// <summary>Every model's batch through the device grain within its line of ONNX Runtime called directly.</summary>
    public static IEnumerable<CheckLine> Models(IReadOnlyList<ModelMeasurement> rows, int batch) =>
        rows.Where(r => r.GrainOverRaw.ContainsKey(batch)).Select(r =>
            AtMost("models", $"{r.ModelId} grain / raw at batch {batch}", r.GrainOverRaw[batch], CheckLimits.GrainOverRaw, "F3"));

    /// <summary>Each auto-cut variant's overhead at the given latency within its line.</summary>
    public static IEnumerable<CheckLine> Privacy(IEnumerable<(double LatencySeconds, string Variant, Sample Ratio)> overheads) =>
        overheads.Where(o => o.Variant.Contains("auto", StringComparison.Ordinal)).Select(o => new CheckLine(
            "privacy", $"overhead of encrypting at {o.Variant}, cloud latency {o.LatencySeconds:0.0#} s", o.Ratio.ToString(PrivacyBenchmark.Overhead),
            $"≤ {CheckLimits.AutoCutOverhead.ToString("+0%", CultureInfo.InvariantCulture)}", o.Ratio.Median - 1 <= CheckLimits.AutoCutOverhead));

    /// <summary>Every chaos run completed with every image once.</summary>
    public static IEnumerable<CheckLine> Chaos(IReadOnlyList<ChaosRun> runs) =>
    [
        new("chaos", $"runs completed of {runs.Count}", N(runs.Count(r => r.Completed)), $"= {runs.Count}", runs.All(r => r.Completed)),
        new("chaos", "images lost, all runs", N(runs.Sum(r => r.Missing)), "= 0", runs.All(r => r.Missing == 0)),
        new("chaos", "images duplicated, all runs", N(runs.Sum(r => r.Duplicated)), "= 0", runs.All(r => r.Duplicated == 0)),
    ];

    /// <summary>Below saturation, the coarse answer's p99 before the fine answer's p50.</summary>
    public static IEnumerable<CheckLine> Latency(IReadOnlyList<LatencyPoint> points) =>
        points.Where(p => !p.Saturated).Select(p => new CheckLine(
            "latency", $"coarse p99 against fine p50 at {p.OfferedPerSecond:G} requests/s",
            $"{p.Coarse(l => l.P99Ms).Median:F0} ms against {p.Fine(l => l.P50Ms).Median:F0} ms", "coarse p99 < fine p50", p.CoarseFirst));

    /// <summary>
    /// The inference service on real devices: at 10 requests/s the fine p50 within its line; at <see cref="CheckLimits.ServeRate"/>
    /// requests answered by their deadline, none lost, and requests batched.
    /// </summary>
    public static IEnumerable<CheckLine> Serve(IReadOnlyList<ServePoint> points)
    {
        var light = points.FirstOrDefault(p => p.OfferedPerSecond == 10);
        var fineP50 = light?.Runs.Select(r => r.Fine?.P50Ms).OfType<double>().ToList() ?? [];
        yield return fineP50.Count > 0
            ? AtMost("serve", "fine p50 at 10 requests/s over the .NET client, real devices (ms)", Sample.Of(fineP50), CheckLimits.ServeLightFineP50Ms, "F0")
            : new CheckLine("serve", "fine p50 at 10 requests/s", "no fine answer", $"≤ {CheckLimits.ServeLightFineP50Ms:F0}", false);
        var loaded = points.FirstOrDefault(p => p.OfferedPerSecond == CheckLimits.ServeRate);
        var rate = CheckLimits.ServeRate.ToString("N0", CultureInfo.InvariantCulture);
        if (loaded is null)
        {
            yield return new CheckLine("serve", $"answered by the deadline at {rate} requests/s", "not reached", $"≥ {CheckLimits.ServeByDeadline:P0}", false);
            yield break;
        }

        var inTime = loaded.Of(r => r.ByDeadlineShare * (1 - r.RefusedShare));
        yield return new CheckLine("serve", $"answered by the deadline at {rate} requests/s", inTime.ToString(v => v.ToString("P1", CultureInfo.InvariantCulture)),
            $"≥ {CheckLimits.ServeByDeadline.ToString("P0", CultureInfo.InvariantCulture)}", inTime.Median >= CheckLimits.ServeByDeadline);
        var lost = loaded.Runs.Sum(r => r.Lost);
        yield return new CheckLine("serve", $"requests lost at {rate} requests/s", N(lost), "= 0", lost == 0);
        var batch = loaded.Of(r => r.MeanBatch);
        yield return new CheckLine("serve", $"mean batch at {rate} requests/s", batch.ToString("F1"), "≥ 2", batch.Median >= 2);
    }

    /// <summary>The re-cut job against the oracle and the cut fixed at start, each new cut soon in force; the budget held under drift.</summary>
    public static IEnumerable<CheckLine> Adapt(IReadOnlyList<Adapting.BandwidthRun> bandwidth, IReadOnlyList<Adapting.DriftRun> drift, double budget)
    {
        Sample Of(string variant) => Sample.Of(bandwidth.Where(r => r.Variant == variant).Select(r => r.MakespanS));
        var recut = Of(Adapting.AdaptBenchmark.RecutVariant);
        yield return AtMost("adapt", "re-cut / oracle makespan", recut.Over(Of(Adapting.AdaptBenchmark.OracleVariant)), CheckLimits.RecutOverOracle);
        var speedUp = Of(Adapting.AdaptBenchmark.FixedVariant).Over(recut);
        yield return new("adapt", "cut fixed at start / re-cut makespan", speedUp.ToString("F2"), $"≥ {Two(CheckLimits.RecutSpeedUp)}", speedUp.Median >= CheckLimits.RecutSpeedUp);
        var recuts = bandwidth.Where(r => r.Variant == Adapting.AdaptBenchmark.RecutVariant).ToList();
        for (var step = 0; step < recuts.Min(r => r.CutInForceS.Count); step++)
        {
            var delays = recuts.Select(r => r.CutInForceS[step] ?? double.PositiveInfinity).ToList();
            yield return new("adapt", $"seconds from link step {step + 1} to the new cut", Sample.Of(delays).ToString("F1"), $"≤ {CheckLimits.CutInForceS:0}",
                delays.All(d => d <= CheckLimits.CutInForceS));
        }

        var learnt = drift.Single(r => r.Variant == Adapting.DriftBenchmark.BudgetVariant);
        var farthest = learnt.Shares.Count == 0 ? double.PositiveInfinity : learnt.Shares.Max(s => Math.Abs(s - budget)) * 100;
        yield return new("adapt", $"escalated share after the shift settled, farthest window from {budget:P0} (points)", farthest.ToString("F1", CultureInfo.InvariantCulture),
            $"≤ {CheckLimits.BudgetPoints:0}", farthest <= CheckLimits.BudgetPoints);
        var against = ((learnt.Report.FineAccuracy ?? 0) - (drift.Single(r => r.Variant == Adapting.DriftBenchmark.HindsightVariant).Report.FineAccuracy ?? 0)) * 100;
        yield return new("adapt", "fine accuracy, budget against the best threshold in hindsight (points)", against.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture),
            $"≥ -{CheckLimits.BudgetAccuracyPoints:0}", against >= -CheckLimits.BudgetAccuracyPoints);
    }

    /// <summary>Edges that join take work soon, and the job saves about what their capacity should save it.</summary>
    public static IEnumerable<CheckLine> Join(IReadOnlyList<Adapting.JoinRun> runs)
    {
        var joining = runs.Where(r => r.Variant == Adapting.JoinBenchmark.JoinVariant).ToList();
        var slowest = joining.Select(r => r.FirstWorkAfterS.DefaultIfEmpty(double.PositiveInfinity).Max()).ToList();
        yield return new("adapt", "seconds from a late silo's start to work on each of its edges", Sample.Of(slowest).ToString("F2"), $"≤ {CheckLimits.JoinFirstWorkS:0}",
            slowest.All(s => s <= CheckLimits.JoinFirstWorkS));
        var without = runs.Where(r => r.Variant == Adapting.JoinBenchmark.WithoutVariant).ToList();
        var saved = Sample.Of(joining.Zip(without, (j, w) => (w.MakespanS - j.MakespanS) / (w.BoundS - j.BoundS)));
        yield return new("adapt", "makespan saved by the joining edges / bound saved", saved.ToString("F2"), $"≥ {Two(CheckLimits.JoinSavedShare)}", saved.Median >= CheckLimits.JoinSavedShare);
    }

    private static CheckLine AtMost(string bench, string figure, Sample measured, double limit, string format = "F2") =>
        new(bench, figure, measured.ToString(format), $"≤ {limit.ToString(format, CultureInfo.InvariantCulture)}", measured.Median <= limit);

    private static string Two(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
