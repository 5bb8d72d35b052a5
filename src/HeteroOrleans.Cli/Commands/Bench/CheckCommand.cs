using HeteroOrleans.Benchmarks.Checking;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench check</c>: a reduced form of every bench, each headline figure held to its line; exit 1 when one is not.</summary>
internal static class CheckCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var only = new Option<string[]>("--only")
        {
            Description = $"Run only these parts (repeat the option); default all: {string.Join(", ", BenchCheck.Parts)}",
            AllowMultipleArgumentsPerToken = true,
        };
        var busy = new Option<int>("--busy") { Description = "Busy loops to run beside the check, as on a loaded machine (default 0)" };
        var output = BenchOptions.OutFile("Markdown file for the lines and their verdicts", "check.md");
        var command = new Command("check", "A reduced form of each bench (minutes): exits 1 when a headline figure passes its line")
        {
            only, busy, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var parts = result.GetValue(only) ?? [];
            if (parts.FirstOrDefault(p => !BenchCheck.Parts.Contains(p)) is { } unknown)
            {
                throw new ArgumentException($"--only {unknown}: not a part of the check; the parts are {string.Join(", ", BenchCheck.Parts)}.");
            }

            if (result.GetValue(busy) is < 0 or > 64)
            {
                throw new ArgumentException($"--busy {result.GetValue(busy)}: between 0 and 64 busy loops.");
            }

            IReadOnlyList<CheckLine> lines;
            using (new CpuHog(result.GetValue(busy)))
            {
                lines = await new BenchCheck(LocalCluster.DefaultConfigDirectory(), BenchOutput.Log(console)).RunAsync(parts, cancellation);
            }

            var failed = lines.Count(l => !l.Holds);
            var table = new MarkdownTable("bench", "figure", "measured", "line", "holds");
            foreach (var line in lines)
            {
                table.Add(line.Bench, line.Figure, line.Measured, line.Limit, line.Holds ? "yes" : "**no**");
            }

            var verdict = failed == 0 ? $"bench check: all {lines.Count} lines hold" : $"bench check: {failed} of {lines.Count} lines do not hold";
            var beside = result.GetValue(busy) is > 0 and var loops ? $" beside {loops} busy loops" : string.Empty;
            var text = $"""
                # Bench check{beside}

                Reduced forms of `hetero bench models`, `schemes`, `faults`, `privacy`, `latency`, `serve`, `adapt` and `chaos`{beside}; each headline figure
                against its line (a figure with several runs: their median, the least and greatest in brackets).

                {table}
                **{verdict}**
                """;
            await BenchOutput.PublishAsync(console, result.GetValue(output)!, text, stamp, cancellation);
            console.MarkupLine(failed == 0 ? $"[green]{Markup.Escape(verdict)}[/]" : $"[red]{Markup.Escape(verdict)}[/]");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
