using System.Globalization;

namespace HeteroOrleans.Benchmarks.Adapting;

/// <summary>The tables of <see cref="AdaptBenchmark"/>: each figure the median of the runs, the least and greatest beside it.</summary>
public static class AdaptReport
{
    /// <summary>Makespans against the oracle's, what each job recorded, and how soon each step's new cut was in force.</summary>
    public static string Bandwidth(IReadOnlyList<BandwidthRun> runs, IReadOnlyList<double> phasesMbps, IReadOnlyList<string> phaseCuts)
    {
        var oracle = Sample.Of(runs.Where(r => r.Variant == AdaptBenchmark.OracleVariant).Select(r => r.MakespanS));
        var recut = Sample.Of(runs.Where(r => r.Variant == AdaptBenchmark.RecutVariant).Select(r => r.MakespanS));
        var makespans = new MarkdownTable(["job", "makespan (s)", .. phasesMbps.Select((m, i) => F($"phase {i + 1}, {m:G} Mbit/s (s)")), "over the oracle's",
            "re-cut's speed-up over it", "images once / twice / missing"]);
        foreach (var variant in runs.Select(r => r.Variant).Distinct())
        {
            var of = runs.Where(r => r.Variant == variant).ToList();
            var makespan = Sample.Of(of.Select(r => r.MakespanS));
            makespans.Add([variant, makespan.ToString("F1"), .. phasesMbps.Select((_, i) => Sample.Of(of.Select(r => r.PhaseS[i])).ToString("F1")),
                makespan.Over(oracle).ToString("F2"), variant == AdaptBenchmark.FixedVariant ? makespan.Over(recut).ToString("F2") : "",
                $"{of.Sum(r => r.Recorded):N0} / {of.Sum(r => r.Duplicates)} / {of.Sum(r => r.Missing)}"]);
        }

        var steps = new MarkdownTable("step of the cloud link", "best cut for the new link", "re-cut jobs whose cut moved after it", "new cut in force after (s)");
        var recuts = runs.Where(r => r.Variant == AdaptBenchmark.RecutVariant).ToList();
        for (var step = 1; step < phasesMbps.Count; step++)
        {
            var delays = recuts.Select(r => step - 1 < r.CutInForceS.Count ? r.CutInForceS[step - 1] : null).ToList();
            var moved = delays.OfType<double>().ToList();
            steps.Add(F($"{phasesMbps[step - 1]:G} → {phasesMbps[step]:G} Mbit/s"), phaseCuts[step] == phaseCuts[step - 1] ? $"{phaseCuts[step]} (unchanged)" : phaseCuts[step],
                $"{moved.Count} of {recuts.Count}", moved.Count == 0 ? "-" : Sample.Of(moved).ToString("F1"));
        }

        var cuts = new MarkdownTable("job", "cuts used (seconds into the job)");
        foreach (var run in runs.Where(r => r.Variant != AdaptBenchmark.FixedVariant))
        {
            cuts.Add(run.Variant, string.Join(" → ", run.Cuts.Select(c => F($"{c.Tensor} ({c.AtS:F1})"))));
        }

        return $"""
            {makespans}
            {steps}
            Cuts used by the oracle's phases and each re-cut job, in order:

            {cuts}
            {Sample.Legend}
            """;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
