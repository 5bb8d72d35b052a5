using System.Globalization;
using HeteroOrleans.Contracts.Devices;
using Onnx;

namespace HeteroOrleans.Cli.Commands;

/// <summary>
/// <c>hetero models</c>: build, list, inspect, split, list the cuts of, fit and compare the models of the manifest, and roll
/// a new version out to a running cluster.
/// </summary>
public static class ModelsCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var directory = new Option<string?>("--models-dir") { Description = "Folder of models.json (default: ./models searched upwards, or $HETERO_MODELS)", Recursive = true };
        var command = new Command("models", "Build, list, inspect, split, cut, fit and compare the models of models/models.json; roll a new version out to a cluster") { directory };
        command.Subcommands.Add(Build(console, directory));
        command.Subcommands.Add(List(console, directory));
        command.Subcommands.Add(Inspect(console, directory));
        command.Subcommands.Add(Split(console, directory));
        command.Subcommands.Add(Cuts(console, directory));
        command.Subcommands.Add(Fit(console, directory));
        command.Subcommands.Add(Models.CompareCommand.Create(console, directory));
        command.Subcommands.Add(Models.RolloutCommand.Create(console));
        return command;
    }

    private static Command Build(IAnsiConsole console, Option<string?> directory)
    {
        var ids = new Argument<string[]>("model") { Description = "Model ids (default: every model of the manifest)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("build", "Build (and fit) the models whose files are missing") { ids };
        command.SetAction(result =>
        {
            var store = ModelStore.Open(result.GetValue(directory));
            var wanted = result.GetValue(ids) is { Length: > 0 } named ? named : store.Manifest.Entries.Select(e => e.Reference).ToArray();
            foreach (var id in wanted)
            {
                var built = store.IsBuilt(id);
                var started = DateTime.UtcNow;
                console.Status().Start($"{id}: {(built ? "present" : "building")} …", _ => store.EnsureBuilt(id));
                var fit = store.FitReportOf(id);
                console.MarkupLine(built
                    ? $"{id}: already built"
                    : $"{id}: built in {(DateTime.UtcNow - started).TotalSeconds:F1} s{(fit is null ? "" : $", classifier fitted on {fit.Images:N0} images of {Markup.Escape(fit.Data)}")}");
            }

            return 0;
        });
        return command;
    }

    private static Command List(IAnsiConsole console, Option<string?> directory)
    {
        var command = new Command("list", "List the models: labels, recipe, whether built, size, fit");
        command.SetAction(result =>
        {
            var store = ModelStore.Open(result.GetValue(directory));
            var table = new Table().AddColumns("id", "labels", "recipe", "built", "fit (images, train accuracy)");
            foreach (var entry in store.Manifest.Entries)
            {
                var path = store.Manifest.PathOf(entry);
                var fit = store.FitReportOf(entry.Reference);
                table.AddRow(
                    entry.Version == 1 ? entry.Id : entry.Reference,
                    entry.Labels.ToString(),
                    entry.Build is { } r ? Describe(r) : "user model",
                    File.Exists(path) ? $"{new FileInfo(path).Length / 1e6:F1} MB" : "[grey]no[/]",
                    fit is null ? "" : $"{fit.Images:N0}{(fit.Data.StartsWith("synthetic", StringComparison.Ordinal) ? " synthetic" : "")}, {fit.TrainAccuracy:P0}");
            }

            console.Write(table);
            return 0;
        });
        return command;
    }

    private static string Describe(ModelRecipe recipe) => recipe.Architecture switch
    {
        "mobilenet-v1" => $"MobileNet v1 α={recipe.Width}",
        "resnet" => $"ResNet-{recipe.Depth} width {recipe.Width}",
        "wrn" => $"WRN-{recipe.Depth}-{recipe.Width}",
        _ => recipe.Architecture,
    };

    private static Command Inspect(IAnsiConsole console, Option<string?> directory)
    {
        var id = new Argument<string>("model") { Description = "Model id" };
        var command = new Command("inspect", "Load and check a model; show its contract, size, parameters, split point and fit") { id };
        command.SetAction(result =>
        {
            var store = ModelStore.Open(result.GetValue(directory));
            var modelId = result.GetValue(id)!;
            using var classifier = store.OpenClassifier(modelId, SessionTuning.Default);
            var entry = classifier.Entry;
            var path = store.Manifest.PathOf(entry);
            var model = OnnxFiles.Read(path);
            var table = new Table().HideHeaders().AddColumns("", "");
            void Row(string key, string value) => table.AddRow(new Text(key), new Text(value));
            Row("file", $"{path} ({new FileInfo(path).Length / 1e6:F1} MB)");
            Row("contract", $"{entry.Input} [N,3,32,32] float (raw 0-255) → {entry.Output} [N,{entry.ClassCount}] ({entry.Labels}) — checked");
            Row("parameters", $"{ParameterCount.Of(model):N0} ({model.Graph.Node.Count} nodes)");
            Row("encryption head", EncryptionHead(model, entry));
            Row("fit", store.FitReportOf(modelId) is { } fit
                ? $"{fit.Images:N0} images of {fit.Data}, ridge {fit.Ridge}, train accuracy {fit.TrainAccuracy:P1}, {fit.FittedAtUtc:u}"
                : "not fitted (weights as built)");
            console.Write(table);
            return 0;
        });
        return command;
    }

    // A model without its cut still runs: only on trusted devices, or on untrusted ones with --privacy Off.
    private static string EncryptionHead(Onnx.ModelProto model, ModelEntry entry)
    {
        GraphSplit split;
        try
        {
            split = GraphSplitter.Split(model, entry.Split);
        }
        catch (ModelManifestException e)
        {
            return $"none: {e.Message.Split('\n', 2)[0]} Usable on trusted devices, or on untrusted ones only with --privacy Off.";
        }

        using var head = TensorSession.Open(split.Head, SessionTuning.Default);
        var (_, dims) = head.Run(new float[CifarDataset.ImageBytes], [1, 3, 32, 32]);
        return $"ends at '{entry.Split}': {split.Head.Graph.Node.Count} nodes, output [{string.Join(",", dims)}] per image = {dims.Skip(1).Aggregate(1, (a, b) => a * b) * 4:N0} bytes as float32";
    }

    private static Command Cuts(IAnsiConsole console, Option<string?> directory)
    {
        var id = new Argument<string>("model") { Description = "Model id" };
        var command = new Command("cuts", "List every legal cut of a model (no shortcut crosses it, at or after the first convolution): head work, bytes per image, the tail's share") { id };
        command.SetAction(result =>
        {
            var store = ModelStore.Open(result.GetValue(directory));
            var entry = store.Manifest.Get(result.GetValue(id)!);
            var cuts = console.Status().Start($"{entry.Id}: running the graph once to learn its shapes …", _ => ModelCuts.Of(OnnxFiles.Read(store.EnsureBuilt(entry.Id))));
            var table = new Table().AddColumns("cut at", "shape", "head MFLOP", "head share", "tail share", "bytes/image fp32", "fp16", "int8");
            foreach (var column in table.Columns.Skip(2))
            {
                column.RightAligned();
            }

            foreach (var cut in cuts.Cuts)
            {
                table.AddRow(
                    Markup.Escape(cut.Tensor + (cut.Tensor == entry.Split ? " (manifest)" : "")),
                    cut.Shape,
                    (cut.HeadFlops / 1e6).ToString("F2", CultureInfo.InvariantCulture),
                    cut.HeadShare.ToString("P1", CultureInfo.InvariantCulture),
                    cut.TailShare.ToString("P1", CultureInfo.InvariantCulture),
                    cut.BytesPerImage(FeatureEncoding.Fp32).ToString("N0", CultureInfo.InvariantCulture),
                    cut.BytesPerImage(FeatureEncoding.Fp16).ToString("N0", CultureInfo.InvariantCulture),
                    cut.BytesPerImage(FeatureEncoding.Int8).ToString("N0", CultureInfo.InvariantCulture));
            }

            table.Caption($"{entry.Id}: {cuts.Cuts.Count} legal cuts, {cuts.TotalFlops / 1e6:F1} MFLOP per image in all; a raw image is {CifarDataset.ImageBytes:N0} bytes. " +
                "Set one with the manifest's \"split\" or a job's --split; --split auto picks per device.");
            console.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Split(IAnsiConsole console, Option<string?> directory)
    {
        var id = new Argument<string>("model") { Description = "Model id" };
        var at = new Option<string?>("--at") { Description = "Tensor to cut at (default: the manifest's split, the first convolution)" };
        var output = new Option<string?>("--out") { Description = "Folder for <id>.head.onnx and <id>.tail.onnx (default: the models folder)" };
        var command = new Command("split", "Cut a model at a named tensor into head and tail, and check that together they give the whole") { id, at, output };
        command.SetAction(result =>
        {
            var store = ModelStore.Open(result.GetValue(directory));
            var entry = store.Manifest.Get(result.GetValue(id)!);
            var model = OnnxFiles.Read(store.EnsureBuilt(entry.Id));
            var tensor = result.GetValue(at) ?? entry.Split;
            var split = GraphSplitter.Split(model, tensor);
            var folder = result.GetValue(output) ?? store.Manifest.Directory;
            Directory.CreateDirectory(folder);
            var headPath = Path.Combine(folder, $"{entry.Id}.head.onnx");
            var tailPath = Path.Combine(folder, $"{entry.Id}.tail.onnx");
            split.Head.WriteToFile(headPath);
            split.Tail.WriteToFile(tailPath);

            var input = OnnxClassifier.ToFloats(SyntheticCifar.Generate(8).CreateTask(0, 8).Pixels);
            using var whole = TensorSession.Open(model, SessionTuning.Default);
            using var head = TensorSession.Open(split.Head, SessionTuning.Default);
            using var tail = TensorSession.Open(split.Tail, SessionTuning.Default);
            var (middle, dims) = head.Run(input, [8, 3, 32, 32]);
            var difference = whole.Run(input, [8, 3, 32, 32]).Values.Zip(tail.Run(middle, dims).Values).Max(p => Math.Abs(p.First - p.Second));
            console.MarkupLine(Markup.Escape($"head: {headPath} ({split.Head.Graph.Node.Count} nodes, output '{tensor}' [{string.Join(",", dims)}])"));
            console.MarkupLine(Markup.Escape($"tail: {tailPath} ({split.Tail.Graph.Node.Count} nodes)"));
            console.MarkupLine($"head then tail vs whole model on 8 images: largest logit difference {difference:E1}");
            return difference <= 1e-4 ? 0 : 1;
        });
        return command;
    }

    private static Command Fit(IAnsiConsole console, Option<string?> directory)
    {
        var id = new Argument<string>("model") { Description = "Model id" };
        var data = new Option<string>("--data") { Description = "CIFAR-100 binary folder holding train.bin (or the file itself)", Required = true };
        var images = new Option<int?>("--images") { Description = "Use only the first N training images" };
        var ridge = new Option<double>("--ridge") { Description = "Ridge strength, relative to the mean feature variance", DefaultValueFactory = _ => 0.01 };
        var command = new Command("fit", "Fit a model's classifier layer on a training set (ridge regression on its pooled features)") { id, data, images, ridge };
        command.SetAction(result =>
        {
            var store = ModelStore.Open(result.GetValue(directory));
            var modelId = result.GetValue(id)!;
            var train = CifarReader.Read(CifarReader.LocateTrain(result.GetValue(data)!), result.GetValue(images));
            console.MarkupLine($"Fitting {modelId} on {train.Count:N0} images of {Markup.Escape(train.Source)} …");
            var report = console.Progress().Start(ctx =>
            {
                var bar = ctx.AddTask("features", maxValue: train.Count);
                return store.Fit(modelId, train, result.GetValue(ridge), done => bar.Value = done);
            });
            console.MarkupLine($"{modelId}: fitted ({report.FeatureWidth} features, ridge {report.Ridge}); training accuracy {report.TrainAccuracy:P1}. " +
                               $"Evaluate with: hetero demo --data <folder with test.bin>");
            return 0;
        });
        return command;
    }
}
