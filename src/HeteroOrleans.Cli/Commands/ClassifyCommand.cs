using HeteroOrleans.Cli.Output;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HeteroOrleans.Cli.Commands;

/// <summary>
/// <c>hetero classify FILE…</c>: sends pictures (PNG, JPEG …, any size) or CIFAR-100 records to a running cluster as
/// one small job, and prints each image's coarse answer as soon as it exists, then its fine one, with their latencies;
/// with <c>--deadline</c>, asks the inference service for each image's answer by then instead.
/// </summary>
public static class ClassifyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var files = new Argument<string[]>("file") { Description = "Images (PNG, JPEG, GIF, BMP, WebP; scaled and centre-cropped to 32×32) or CIFAR-100 .bin files", Arity = ArgumentArity.OneOrMore };
        var deadline = Durations.Option(
            "--deadline", "Ask the inference service instead of running a job: each image's fine answer if it comes within this, else its coarse one then", allowZero: false);
        var priority = ChoiceOption.Create("--priority", "With --deadline: the requests' class", RequestPriority.Normal);
        var gateways = new GatewayOptions();
        var command = new Command("classify", "Classify images on a running cluster: the coarse answer as soon as it exists, then the fine one") { files, deadline, priority };
        gateways.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var paths = result.GetValue(files)!;
            var images = ImageFiles.Load(paths);
            using var app = await gateways.ConnectAsync(result, console, cancellation);
            try
            {
                var grains = app.Services.GetRequiredService<IClusterClient>();
                return result.GetValue(deadline) is { } due
                    ? await ServedAnswers.ClassifyAsync(console, grains, images, due, result.GetValue(priority), cancellation)
                    : await ClassifyAsync(console, grains, paths, images, cancellation);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }

    private static async Task<int> ClassifyAsync(IAnsiConsole console, IGrainFactory grains, IReadOnlyList<string> paths, CifarDataset images, CancellationToken cancellation)
    {
        if (paths.Count == images.Count)
        {
            for (var i = 0; i < paths.Count; i++)
            {
                console.MarkupLine(Markup.Escape($"image {i,6}  {paths[i]}"));
            }
        }

        // One task holds every image, so each answer comes as soon as its one device gives it.
        var jobId = JobRunner.NewJobId();
        var spec = new JobSpec(BatchSize: images.Count);
        await using var writer = AnswerWriter.Open(console, print: true, jsonLinesPath: null);
        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var answers = Task.Run(async () =>
        {
            await foreach (var answer in JobFollower.FollowAsync(grains, jobId, following.Token))
            {
                await writer.WriteAsync(answer);
            }
        }, following.Token);
        var report = await new JobRunner(grains, notice => console.MarkupLine($"[yellow]{Markup.Escape(notice)}[/]")).RunAsync(jobId, images, spec, null, cancellation);
        await answers;
        if (report.State != JobState.Completed)
        {
            console.MarkupLine($"[red]Job {jobId} ended {report.State}:[/] {Markup.Escape(report.EndReason ?? $"{report.MissingImageCount} image(s) without an answer")}.");
            return 1;
        }

        return 0;
    }
}
