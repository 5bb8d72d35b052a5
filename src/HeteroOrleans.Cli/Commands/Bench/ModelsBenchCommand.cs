namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary><c>hetero bench models</c>: Table 1, each model's size, speed and accuracy here.</summary>
internal static class ModelsBenchCommand
{
    /// <summary>The models of the paper's Table 1, then the compact ones the demo uses.</summary>
    public static IReadOnlyList<string> DefaultModels { get; } = ["mobilenet-v1-0.5", "resnet-34", "wrn-28-10", "resnet-10-w16", "wrn-16-2"];

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var models = new Option<string[]>("--models") { Description = $"Model ids (default: {string.Join(", ", DefaultModels)})", AllowMultipleArgumentsPerToken = true };
        var runs = BenchOptions.Runs("Runs of each figure (a timed batch after a warm-up; a grain / raw ratio over about 1.5 s a side); each cell is their median, their least and greatest in brackets", 3);
        var batch = new Option<int>("--batch") { Description = "Images per timed run", DefaultValueFactory = _ => JobSpec.DefaultBatchSize };
        var accuracyImages = new Option<int>("--accuracy-images") { Description = "Test images classified for the accuracy column", DefaultValueFactory = _ => 500 };
        var data = BenchOptions.Data(" for accuracy");
        var output = BenchOptions.OutFile("Markdown file to write", "models.md");
        var command = new Command("models", "Table 1: parameters, size, ms/image with 1 and 2 threads, accuracy, device-grain overhead")
        {
            models, runs, batch, accuracyImages, data, output,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var stamp = BenchOutput.Stamp();
            var store = ModelStore.Open();
            var options = new ModelBenchmarkOptions(
                result.GetValue(models) is { Length: > 0 } named ? named : DefaultModels,
                result.GetValue(batch), result.GetValue(runs), result.GetValue(accuracyImages));
            foreach (var id in options.Models)
            {
                store.Manifest.Get(id);
            }

            var test = DataSource.Load(result.GetValue(data), Math.Max(options.AccuracyImages, options.Batch));
            var rows = await new ModelBenchmark(store, options, BenchOutput.Log(console)).RunAsync(test, cancellation);
            var text = $"""
                # Table 1 on this machine

                ONNX Runtime CPU, batch {options.Batch}; each figure the median of {options.Runs} runs, their least and greatest in brackets.
                Accuracy on {Math.Min(options.AccuracyImages, test.Count)} images of {test.Source}; classifiers fitted as `hetero models list` shows.
                Grain / raw columns: time per batch through the device grain (Orleans call, worker queue, ONNX Runtime) over ONNX Runtime called
                directly, both 1 thread, at batch 1, 10 and the table's batch; each run is the median ratio of pairs taken in turn over about 1.5 s
                of each side (at least 5 pairs).

                {ModelBenchmark.ToMarkdown(rows)}
                """;
            await BenchOutput.PublishAsync(console, result.GetValue(output)!, text, stamp, cancellation);
            return 0;
        });
        return command;
    }
}
