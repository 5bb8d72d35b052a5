namespace HeteroOrleans.Benchmarks.Adapting;

/// <summary>The tables of <see cref="JoinBenchmark"/>: each figure the median of the runs, the least and greatest beside it.</summary>
public static class JoinReport
{
    /// <summary>Makespans against their bounds, and how soon the late edges took work.</summary>
    public static string ToMarkdown(IReadOnlyList<JoinRun> runs)
    {
        var without = Sample.Of(runs.Where(r => r.Variant == JoinBenchmark.WithoutVariant).Select(r => r.MakespanS));
        var table = new MarkdownTable("job", "makespan (s)", "fluid bound (s)", "makespan / bound", "speed-up over the job without them", "images by the late edges",
            "images once / twice / missing");
        foreach (var variant in runs.Select(r => r.Variant).Distinct())
        {
            var of = runs.Where(r => r.Variant == variant).ToList();
            var makespan = Sample.Of(of.Select(r => r.MakespanS));
            table.Add(variant, makespan.ToString("F1"), Sample.Of(of.Select(r => r.BoundS)).ToString("F1"), Sample.Of(of.Select(r => r.MakespanS / r.BoundS)).ToString("F2"),
                variant == JoinBenchmark.WithoutVariant ? "" : without.Over(makespan).ToString("F2"), Sample.Of(of.Select(r => (double)r.LateImages)).ToString("F0"),
                $"{of.Sum(r => r.Recorded):N0} / {of.Sum(r => r.Duplicates)} / {of.Sum(r => r.Missing)}");
        }

        var joining = runs.Where(r => r.Variant == JoinBenchmark.JoinVariant).ToList();
        var timing = new MarkdownTable("late silo up (s into the job)", "added to the job's plan after (s)", "first work sent to each late edge after (s)", "slowest late edge's first work after (s)");
        timing.Add(Sample.Of(joining.Select(r => r.SiloUpS ?? double.NaN)).ToString("F1"), Sample.Of(joining.SelectMany(r => r.AddedAfterS)).ToString("F2"),
            Sample.Of(joining.SelectMany(r => r.FirstWorkAfterS)).ToString("F2"), Sample.Of(joining.Select(r => r.FirstWorkAfterS.DefaultIfEmpty(double.PositiveInfinity).Max())).ToString("F2"));
        return $"""
            {table}
            Timed from the moment the late silo had started (its host up, its devices hosted), over every late edge of every run:

            {timing}
            {Sample.Legend}
            """;
    }
}
