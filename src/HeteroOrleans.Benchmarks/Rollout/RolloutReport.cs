using System.Globalization;
using HeteroOrleans.Contracts.Models;

namespace HeteroOrleans.Benchmarks.Rollout;

/// <summary>The table of <see cref="RolloutBenchmark"/>: each figure the median of the runs, with the least and greatest beside it.</summary>
public static class RolloutReport
{
    /// <summary>The figures over <paramref name="runs"/>.</summary>
    public static string ToMarkdown(IReadOnlyList<RolloutRun> runs, RolloutBenchmarkOptions options)
    {
        string Of(Func<RolloutRun, double> figure, string format, string unit = "") =>
            Sample.Of(runs.Select(figure)).ToString(v => v.ToString(format, CultureInfo.InvariantCulture) + unit);
        string Count(Func<RolloutRun, bool> holds) => $"{runs.Count(holds)} of {runs.Count}";
        var figures = new MarkdownTable("figure", $"median (least–greatest) of {runs.Count} run(s)")
            .Add($"{options.Worse}: rolled back by itself", Count(r => r.Worse.Phase == RolloutPhase.RolledBack))
            .Add($"{options.Worse}: canary images compared at the verdict", Of(r => r.Worse.Compared.Images, "0"))
            .Add($"{options.Worse}: agreement with the active version", Of(r => 100 * r.Worse.Compared.Agreement, "0.0", " %"))
            .Add($"{options.Worse}: start to verdict (s)", Of(r => r.WorseSeconds, "0.0"))
            .Add($"{options.Better}: rolled out by itself", Count(r => r.Better.Phase == RolloutPhase.RolledOut))
            .Add($"{options.Better}: canary images compared at the verdict", Of(r => r.Better.Compared.Images, "0"))
            .Add($"{options.Better}: agreement with the active version", Of(r => 100 * r.Better.Compared.Agreement, "0.0", " %"))
            .Add($"{options.Better}: start to verdict (s)", Of(r => r.BetterSeconds, "0.0"))
            .Add($"requests from {options.Better}'s start to the end", Of(r => r.DuringBetter.Count, "0"))
            .Add("… failed or lost", Of(r => r.Failed, "0"))
            .Add("fine p99, steady (ms)", Of(r => r.SteadyFineP99, "0"))
            .Add($"fine p99 from {options.Better}'s start to the end (ms)", Of(r => r.BetterFineP99, "0"))
            .Add("fine p99 during the rollout / steady", Of(r => r.BetterFineP99 / r.SteadyFineP99, "0.00", "×"))
            .Add($"fine answers given by {options.Better} after its verdict", Of(r => 100 * r.AfterShare(options.Better), "0.0", " %"));
        var parts = runs.SelectMany(r => r.FineParts).ToList();
        return $"""
            {figures}

            Where the time of the {parts.Count:N0} requests answered fine in time during the rollouts went, along the path each answer waited for:

            {Serving.LatencySplit.ToTable(parts)}

            {Sample.Legend}
            """;
    }
}
