namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench escalation</c>: accuracy, share escalated and time against the confidence threshold.</summary>
internal static class EscalationBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var images = BenchOptions.Images(2000);
        var thresholds = BenchOptions.Sweep(
            "--threshold", "Thresholds", EscalationBenchmark.DefaultThresholds, t => t is >= 0 and <= 1, "is a confidence between 0 and 1");
        var cluster = new ClusterBenchOptions(
            timeScale: 5, "Runs at each threshold; each makespan is their median, their least and greatest in brackets", "escalation.md and escalation.png");
        var command = new Command("escalation", "Escalate only uncertain images: share escalated, accuracy of each part and makespan against the confidence threshold")
        {
            images, thresholds,
        };
        cluster.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var setup = cluster.Read(result);
            var data = SyntheticCifar.Generate(result.GetValue(images));
            var points = await new EscalationBenchmark(setup.Settings, setup.Scheme, setup.TimeScale, setup.Runs, BenchOutput.Log(console))
                .RunAsync(data, result.GetValue(thresholds)!.Order().ToList(), cancellation);
            var plot = setup.In("escalation.png");
            EscalationBenchmark.SavePlot(points, plot);
            var text = $"""
                # Escalating only uncertain images

                {setup.Scheme} scheme, devices emulated by preset {setup.Devices!.Name} (their answers those of the real models);
                {data.Count:N0} images of {data.Source} in tasks of 50. An image goes on to the fine stage when the end model's
                confidence (softmax probability of its predicted class) is below the threshold; 1 sends every image on, as the
                paper does. Emulated times divided by {setup.TimeScale} while running, measured makespans multiplied back; each the median of
                {setup.Runs} runs, their least and greatest in brackets.

                {EscalationBenchmark.ToMarkdown(points)}
                ![escalation](escalation.png)
                """;
            await BenchOutput.PublishAsync(console, setup.In("escalation.md"), text, stamp, cancellation, plot);
            return 0;
        });
        return command;
    }
}
