using HeteroOrleans.Cli.Commands.Bench;

namespace HeteroOrleans.Cli.Commands;

/// <summary><c>hetero bench</c>: reproduce the paper's measurements on this machine, as Markdown.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(IAnsiConsole console) =>
        new("bench", "Measure this machine the way the paper's evaluation does; write Markdown tables")
        {
            ModelsBenchCommand.Create(console),
            SchemesBenchCommand.Create(console),
            CalibrateCommand.Create(console),
            FaultsBenchCommand.Create(console),
            PrivacyBenchCommand.Create(console),
            EscalationBenchCommand.Create(console),
            ChaosCommand.Create(console),
            ScaleBenchCommand.Create(console),
            LatencyBenchCommand.Create(console),
            ServeBenchCommand.Create(console),
            RollBenchCommand.Create(console),
            RolloutBenchCommand.Create(console),
            TraceBenchCommand.Create(console),
            AdaptBenchCommand.Create(console),
            CheckCommand.Create(console),
        };
}
