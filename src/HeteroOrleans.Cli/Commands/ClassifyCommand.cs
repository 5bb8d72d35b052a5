using HeteroOrleans.Cli.Output;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HeteroOrleans.Cli.Commands;

/// <summary>
/// <c>hetero classify FILE…</c>: sends pictures (PNG, JPEG …, any size) or CIFAR-100 records to a running cluster as
/// one small job in small tasks, and prints each image's coarse answer as soon as it exists, then its fine one, with their latencies;
/// with <c>--deadline</c>, asks the inference service for each image's answer by then instead.
/// </summary>
public static class ClassifyCommand
{
    // About as many tasks as a small cluster has devices and a few more: enough for every device to take part.
    private const int TasksWanted = 32;

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
            // Every file that can be read is answered; each that cannot is named, and the exit code says some were not.
            var read = ImageFiles.LoadReadable(result.GetValue(files)!);
            foreach (var error in read.Errors)
            {
                Console.Error.WriteLine($"error: {error}");
            }

            if (read.Images is not { } images)
            {
                return 2;
            }

            using var app = await gateways.ConnectAsync(result, console, cancellation);
            try
            {
                var grains = app.Services.GetRequiredService<IClusterClient>();
                var status = result.GetValue(deadline) is { } due
                    ? await ServedAnswers.ClassifyAsync(console, grains, images, due, result.GetValue(priority), cancellation)
                    : await ClassifyAsync(console, grains, read.Sources, images, cancellation);
                if (await FitNotice.ForClusterAsync(grains) is { } notice)
                {
                    console.MarkupLine($"[yellow]{Markup.Escape(notice)}[/]");
                }

                if (read.Errors.Count > 0)
                {
                    console.MarkupLine($"[red]{read.Errors.Count} file(s) could not be read[/] (named above); the other {images.Count:N0} image(s) were answered.");
                }

                return status != 0 ? status : read.Errors.Count > 0 ? 1 : 0;
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }

    private static async Task<int> ClassifyAsync(IAnsiConsole console, IGrainFactory grains, IReadOnlyList<string> sources, CifarDataset images, CancellationToken cancellation)
    {
        if (sources.Distinct().Count() == sources.Count)
        {
            for (var i = 0; i < sources.Count; i++)
            {
                console.MarkupLine(Markup.Escape($"image {i,6}  {sources[i]}"));
            }
        }

        // Small tasks, so that every device takes part in many pictures and each answer comes as soon as its device gives it.
        var jobId = JobRunner.NewJobId();
        var spec = new JobSpec(BatchSize: Math.Clamp((images.Count + TasksWanted - 1) / TasksWanted, 1, JobSpec.DefaultBatchSize));
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
