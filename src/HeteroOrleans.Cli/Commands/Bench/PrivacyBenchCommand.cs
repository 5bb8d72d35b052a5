namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench privacy</c>: Tables 3 and 4, the encryption heads and what encrypting costs.</summary>
internal static class PrivacyBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var images = BenchOptions.Images(PrivacyBenchmark.DefaultImages);
        var bandwidth = new Option<double>("--cloud-bandwidth") { Description = "Cloud link bandwidth in Mbit/s (the paper gives none; features are larger than images, so it matters)", DefaultValueFactory = _ => PrivacyBenchmark.DefaultCloudMbps };
        var scale = BenchOptions.TimeScale(10);
        var runs = BenchOptions.Runs("Runs of each job; each overhead is taken against its run's unencrypted job, the median shown with the least and greatest", 3);
        var output = BenchOptions.OutDir("privacy.md and privacy.png");
        var command = new Command("privacy", "Tables 3 and 4: encryption heads, the cut --split auto picks, and the overhead of encrypting at the end or the edge, at the first convolution or the auto cut, fp32, fp16 or int8, by cloud latency")
        {
            images, bandwidth, scale, runs, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var timeScale = result.GetValue(scale);
            var preset = PrivacyBenchmark.Preset(result.GetValue(bandwidth));
            var settings = LocalCluster.LoadSettings(LocalCluster.DefaultConfigDirectory(), null, preset, timeScale);
            var store = ModelStore.Open(settings[0].ModelsDirectory);
            var fineModels = settings.SelectMany(s => s.Devices).Where(d => d.Tier != Tier.End).Select(d => d.ModelId)
                .Concat(["resnet-34", "wrn-28-10"]).Distinct().ToList();
            var table3 = PrivacyBenchmark.Table3(store, fineModels);
            var devices = settings.SelectMany(s => s.Devices).ToList();
            var cloudMbps = result.GetValue(bandwidth);
            var cuts = PrivacyBenchmark.CutTable(new SharedClassifiers(store), devices, fineModels, [10, cloudMbps, 200], timeScale);
            var benchmark = new PrivacyBenchmark(settings, new PrivacyBenchmarkOptions(timeScale, result.GetValue(runs)), BenchOutput.Log(console));
            var table4 = await benchmark.Table4Async(SyntheticCifar.Generate(result.GetValue(images)), cancellation);
            var plot = BenchOutput.In(result.GetValue(output)!, "privacy.png");
            benchmark.SavePlot(plot);
            var text = $"""
                # Tables 3 and 4 on this machine

                ## Table 3: encryption heads (the first convolution of each fine model)

                {table3}
                ## The cut `--split auto` picks

                For the untrusted cloud running each model at the speed per operation of the bench's cloud, behind links of three
                bandwidths; 8 trusted end devices run the heads besides their coarse stage (`hetero models cuts MODEL` lists every cut).

                {cuts}
                ## Table 4: time to finish with encryption, against raw pixels sent to the cloud

                End-Cloud scheme, 8 end devices, 4 edges, 1 untrusted cloud, devices emulated by preset {preset.Name};
                {result.GetValue(images):N0} images in tasks of 50. The cloud runs {settings.SelectMany(s => s.Devices).First(d => d.Tier == Tier.Cloud).ModelId};
                heads run for real on the emulating machine and take the end device's time for their share of its model's operations.
                "conv1": the paper's cut at the first convolution; "auto cut": the cut `--split auto` picks (above).
                Emulated times divided by {timeScale} while running, measured makespans multiplied back. Each makespan is the median of
                {result.GetValue(runs)} runs; each overhead is taken run by run against that run's unencrypted job, its median shown with the
                least and greatest.

                {table4}
                ## Bytes and accuracy of each way of sending (cloud latency 0.5 s)

                {benchmark.PrecisionTable()}

                ![Table 4](privacy.png)
                """;
            await BenchOutput.PublishAsync(console, BenchOutput.In(result.GetValue(output)!, "privacy.md"), text, stamp, cancellation, plot);
            return 0;
        });
        return command;
    }
}
