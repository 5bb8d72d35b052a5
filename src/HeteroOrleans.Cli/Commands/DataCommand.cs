namespace HeteroOrleans.Cli.Commands;

/// <summary><c>hetero data</c>: look at, fetch or generate CIFAR-100 data.</summary>
public static class DataCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("data", "Inspect, download or generate CIFAR-100 format data");
        command.Subcommands.Add(Info(console));
        command.Subcommands.Add(Download(console));
        command.Subcommands.Add(Synthesize(console));
        return command;
    }

    private static Command Info(IAnsiConsole console)
    {
        var path = new Argument<string>("path") { Description = "CIFAR-100 binary folder or file" };
        var command = new Command("info", "Count images per class in a CIFAR-100 binary file") { path };
        command.SetAction(result =>
        {
            var data = CifarReader.Read(CifarReader.Locate(result.GetValue(path)!));
            console.MarkupLine($"{Markup.Escape(data.Source)}: {data.Count:N0} images, labels checked.");
            var coarse = new int[CifarLabels.CoarseClassCount];
            var fine = new int[CifarLabels.FineClassCount];
            for (var i = 0; i < data.Count; i++)
            {
                coarse[data.CoarseLabel(i)]++;
                fine[data.FineLabel(i)]++;
            }

            var table = new Table().AddColumns("coarse class", "images", "fine classes (images)");
            for (var c = 0; c < coarse.Length; c++)
            {
                var members = Enumerable.Range(0, CifarLabels.FineClassCount).Where(f => CifarLabels.FineToCoarse[f] == c)
                    .Select(f => $"{CifarLabels.Fine[f]} ({fine[f]})");
                table.AddRow($"{c} {CifarLabels.Coarse[c]}", coarse[c].ToString("N0"), string.Join(", ", members));
            }

            console.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Download(IAnsiConsole console)
    {
        var path = new Argument<string>("dir") { Description = "Folder to unpack cifar-100-binary/ into" };
        var url = new Option<string>("--url") { Description = "Archive address", DefaultValueFactory = _ => CifarDownloader.OfficialArchive.ToString() };
        url.Validators.Add(r =>
        {
            if (!Uri.TryCreate(r.GetValueOrDefault<string>(), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                r.AddError("--url must be an absolute http or https address.");
            }
        });
        var md5 = new Option<string>("--md5") { Description = "Expected MD5 of the archive", DefaultValueFactory = _ => CifarDownloader.OfficialMd5 };
        var command = new Command("download", "Download the official CIFAR-100 binary archive, check its MD5, unpack it") { path, url, md5 };
        command.SetAction(async (result, cancellation) =>
        {
            var directory = result.GetValue(path)!;
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            await console.Progress().StartAsync(async ctx =>
            {
                var bar = ctx.AddTask("cifar-100-binary.tar.gz", maxValue: 1);
                await new CifarDownloader(http).DownloadAsync(new Uri(result.GetValue(url)!), result.GetValue(md5)!, directory, (received, total) =>
                {
                    bar.MaxValue = total ?? Math.Max(received, 1);
                    bar.Value = received;
                }, cancellation);
            });
            console.MarkupLine($"Unpacked into {Markup.Escape(Path.Combine(directory, "cifar-100-binary"))}; use --data {Markup.Escape(directory)}.");
            return 0;
        });
        return command;
    }

    private static Command Synthesize(IAnsiConsole console)
    {
        var path = new Argument<string>("dir") { Description = "Folder to write train.bin and test.bin into" };
        var train = new Option<int>("--train") { Description = "Training images", DefaultValueFactory = _ => 10_000 };
        var test = new Option<int>("--test") { Description = "Test images", DefaultValueFactory = _ => 10_000 };
        var command = new Command("synth", "Write a learnable synthetic CIFAR-100 format set (the real 20×5 label hierarchy) with train and test splits") { path, train, test };
        command.SetAction(result =>
        {
            var directory = result.GetValue(path)!;
            Directory.CreateDirectory(directory);
            var trainSet = SyntheticCifar.Generate(result.GetValue(train), ModelStore.SyntheticTrainSeed);
            var testSet = SyntheticCifar.Generate(result.GetValue(test));
            trainSet.WriteBinary(Path.Combine(directory, "train.bin"));
            testSet.WriteBinary(Path.Combine(directory, "test.bin"));
            console.MarkupLine($"Wrote {trainSet.Count:N0} training images ({Markup.Escape(trainSet.Source)}) and {testSet.Count:N0} test images ({Markup.Escape(testSet.Source)}) to {Markup.Escape(directory)}.");
            return 0;
        });
        return command;
    }
}
