using System.Globalization;
using HeteroOrleans.Benchmarks.Rollout;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench rollout</c>: a worse and a better model version rolled out to a multi-process cluster under a steady stream.</summary>
internal static class RolloutBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var cluster = new ProcessClusterOptions();
        var rate = new Option<double>("--rate") { Description = "Requests a second, all the while", DefaultValueFactory = _ => 50 };
        var deadline = Durations.Option("--deadline", "Each request's deadline; default 1s", allowZero: false);
        var steady = Durations.Option("--steady", "How long the steady stream before the rollouts is measured; default 20s", allowZero: false);
        var tier = ChoiceOption.Create<Tier>("--tier", "The tier whose model changes", Tier.Edge);
        var worse = new Option<string>("--worse") { Description = "A version the canary must roll back", DefaultValueFactory = _ => "resnet-10-w16@3" };
        var better = new Option<string>("--better") { Description = "A version the canary must roll out", DefaultValueFactory = _ => "resnet-10-w16@2" };
        var canaryImages = new Option<int>("--canary-images") { Description = "Images compared before a verdict", DefaultValueFactory = _ => Contracts.Models.RolloutSpec.DefaultCanaryImages };
        var runs = BenchOptions.Runs("Runs, each on a cluster of its own; each figure is their median, their least and greatest in brackets", 3);
        var data = BenchOptions.Data(" whose images the requests carry");
        var output = BenchOptions.OutDir("rollout.md and the processes' logs");
        var command = new Command("rollout", "Roll a worse, then a better version of a tier's model out to a multi-process Redis cluster under a steady stream of requests: " +
            "whether each canary rolled itself back or out and after how many images, requests failed, the fine p99 against its steady value")
        {
            rate, deadline, steady, tier, worse, better, canaryImages, runs, data, output,
        };
        cluster.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var folder = cluster.Folder(result);
            var files = cluster.ConfigFiles(result);

            var outDir = Directory.CreateDirectory(result.GetValue(output)!).FullName;
            var options = new RolloutBenchmarkOptions(
                files, cluster.SiloProgram(result), cluster.RedisServer(result), result.GetValue(rate), result.GetValue(deadline) ?? TimeSpan.FromSeconds(1),
                result.GetValue(steady) ?? TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(3), result.GetValue(runs), Directory.CreateDirectory(Path.Combine(outDir, "rollout-logs")).FullName,
                result.GetValue(tier), result.GetValue(worse)!, result.GetValue(better)!, Contracts.Models.RolloutSpec.DefaultCanaryShare, result.GetValue(canaryImages));
            if (options.Runs <= 0 || options.Rate is <= 0 or > 10_000)
            {
                throw new ArgumentException($"--runs {options.Runs}, --rate {options.Rate}: a positive number of runs, and more than 0 and at most 10,000 requests a second");
            }

            // The versions are built before the clock starts: a silo builds a missing one when told to load it, which a
            // canary would wait for.
            var store = ModelStore.Open();
            foreach (var version in new[] { options.Worse, options.Better })
            {
                console.Status().Start($"{version}: building when missing …", _ => store.EnsureBuilt(version));
            }

            var images = DataSource.Load(result.GetValue(data), DataSource.DefaultImageCount);
            var measured = await new RolloutBenchmark(options, BenchOutput.Log(console)).RunAsync(images, cancellation);
            var text = $"""
                # Model versions rolled out under a steady stream

                The silos of `{Path.GetRelativePath(Environment.CurrentDirectory, folder.FullName)}` run as separate processes on a Redis server of their own.
                A .NET client sends {options.Rate.ToString(CultureInfo.InvariantCulture)} single-image requests a second (open loop, deadline {options.Deadline.TotalMilliseconds:0} ms):
                {RolloutBenchmarkOptions.WarmUp.TotalSeconds:0} s of warm-up, {options.Steady.TotalSeconds:0} s measured as the steady state, then, all the while, the {options.Tier}
                tier's model gets a canary of {options.Worse} (fitted on a tenth of the images: it agrees with the version in use on
                about 20 points fewer images than a retrained one), then one of {options.Better} (retrained on more images), each on
                {options.CanaryShare:P0} of the images and judged after {options.CanaryImages} compared, with the default margins (`hetero models rollout`);
                the stream goes on {RolloutBenchmarkOptions.After.TotalSeconds:0} s past the second verdict. Images: {images.Source}.

                {RolloutReport.ToMarkdown(measured, options)}
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(outDir, "rollout.md"), text, stamp, cancellation);
            return measured.Any(r => r.Worse.Phase != Contracts.Models.RolloutPhase.RolledBack || r.Better.Phase != Contracts.Models.RolloutPhase.RolledOut || r.Failed > 0) ? 1 : 0;
        });
        return command;
    }
}
