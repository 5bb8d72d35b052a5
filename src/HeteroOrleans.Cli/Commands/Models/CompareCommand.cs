namespace HeteroOrleans.Cli.Commands.Models;

/// <summary><c>hetero models compare BASELINE CANDIDATE</c>: what a canary of the candidate would measure, offline.</summary>
internal static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, Option<string?> directory)
    {
        var baseline = new Argument<string>("baseline") { Description = "The version in use: MODEL or MODEL@VERSION" };
        var candidate = new Argument<string>("candidate") { Description = "The version to compare with it: MODEL@VERSION" };
        var data = new Option<string?>("--data") { Description = "CIFAR-100 folder or .bin file (default $HETERO_DATA, else synthetic images)" };
        var images = new Option<int>("--images") { Description = "Images both versions answer", DefaultValueFactory = _ => 2_000 };
        var command = new Command("compare", "Run two versions of a model over the same images: agreement, confidence, compute time and accuracy of each — what a canary measures")
        {
            baseline, candidate, data, images,
        };
        command.SetAction(result =>
        {
            if (result.GetValue(images) is < 1 or > 100_000)
            {
                throw new ArgumentException($"--images {result.GetValue(images)}: from 1 to 100,000");
            }

            var store = ModelStore.Open(result.GetValue(directory));
            var set = DataSource.Load(result.GetValue(data), result.GetValue(images));
            var compared = console.Status().Start(
                $"running {result.GetValue(baseline)} and {result.GetValue(candidate)} over {set.Count:N0} images …",
                _ => ModelComparison.Compare(store, result.GetValue(baseline)!, result.GetValue(candidate)!, set));
            var table = new Table().AddColumns("", compared.Baseline, compared.Candidate);
            table.AddRow("agreement with the baseline", "100 %", $"{compared.Agreement:P1}");
            table.AddRow("mean confidence", $"{compared.BaselineConfidence:F3}", $"{compared.CandidateConfidence:F3}");
            table.AddRow("compute ms per image (batch 64, 1 thread)", $"{compared.BaselineMsPerImage:F3}", $"{compared.CandidateMsPerImage:F3}");
            table.AddRow("accuracy", $"{compared.BaselineAccuracy:P1}", $"{compared.CandidateAccuracy:P1}");
            console.Write(table);
            console.MarkupLine($"[grey]{compared.Images:N0} images of {Markup.Escape(set.Source)}[/]");
            return 0;
        });
        return command;
    }
}
