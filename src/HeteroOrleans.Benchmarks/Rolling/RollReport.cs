using System.Globalization;

namespace HeteroOrleans.Benchmarks.Rolling;

/// <summary>The tables of <see cref="RollBenchmark"/>: the roll's figures over the runs, and each silo's restart.</summary>
public static class RollReport
{
    /// <summary>The figures, each the median of the runs with the least and greatest beside it.</summary>
    public static string ToMarkdown(IReadOnlyList<RollRun> runs)
    {
        string Of(Func<RollRun, double> figure, string format, string unit = "") =>
            Sample.Of(runs.Select(figure)).ToString(v => v.ToString(format, CultureInfo.InvariantCulture) + unit);
        var figures = new MarkdownTable("figure", $"median (least–greatest) of {runs.Count} run(s)")
            .Add("requests during the roll", Of(r => r.Rolling.Count, "0"))
            .Add("lost (no answer at all)", Of(r => r.Lost, "0"))
            .Add("failed (refused, expired or cancelled)", Of(r => r.Failed, "0"))
            .Add("answered fine by the deadline", Of(r => 100 * r.FineShare, "0.0", " %"))
            .Add("fine p99, steady (ms)", Of(r => r.SteadyFineP99, "0"))
            .Add("fine p99, during the roll (ms)", Of(r => r.RollingFineP99, "0"))
            .Add("fine p99 during the roll / steady", Of(r => r.RollingFineP99 / r.SteadyFineP99, "0.00", "×"))
            .Add("longest stop / its drain bound", Of(r => r.WorstStopShare, "0.00"))
            .Add("device grains deactivated on silos not being restarted", $"{Of(r => r.Deactivated, "0")} of {Of(r => r.Checked, "0")} checked");

        var silos = new MarkdownTable("silo", "drained and stopped (s)", "its bound (s)", "ready again after its start (s)");
        foreach (var name in runs[0].Steps.Select(s => s.Silo))
        {
            var steps = runs.Select(r => r.Steps.First(s => s.Silo == name)).ToList();
            silos.Add(
                name, Sample.Of(steps.Select(s => s.Stopped.TotalSeconds)).ToString("0.0"),
                steps[0].DrainBound.TotalSeconds.ToString("0", CultureInfo.InvariantCulture), Sample.Of(steps.Select(s => s.Ready.TotalSeconds)).ToString("0.0"));
        }

        return $"""
            {figures}

            Each silo's restart:

            {silos}

            Where the time of the requests answered fine in time during the roll went, along the path each answer waited for:

            {Serving.LatencySplit.ToTable([.. runs.SelectMany(r => r.FineParts)])}

            {Sample.Legend}
            """;
    }
}
