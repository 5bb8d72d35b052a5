using HeteroOrleans.Cli.Commands.Jobs;
using HeteroOrleans.Cli.Output;

namespace HeteroOrleans.Cli.Commands;

/// <summary>Runs one job against a cluster with a live progress bar, then prints its report.</summary>
public static class JobSession
{
    private static readonly TimeSpan SecondInterruptWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Runs the job (a new one, or <paramref name="resumeJobId"/>); returns 0 when it completed, 130 when cancelled or
    /// left running at Ctrl+C (143 at SIGTERM), 1 otherwise.
    /// </summary>
    /// <param name="answers">Print and/or write the job's answers as they come; with printing, there is no progress bar.</param>
    /// <param name="leaveRunning">
    /// On <paramref name="cancellation"/> (Ctrl+C, SIGTERM), true stops the client and leaves the job running on the
    /// cluster, saying how to carry on or cancel it (a second Ctrl+C cancels it); false cancels the job.
    /// </param>
    public static async Task<int> RunAsync(
        IAnsiConsole console, IGrainFactory grains, CifarDataset data, JobSpec options, CancellationToken cancellation, string? resumeJobId = null,
        AnswerOutput? answers = null, bool leaveRunning = false)
    {
        if (answers?.HardExamplesDirectory is { } hardExamples)
        {
            // A folder that cannot be written is said before the job runs, not after.
            HardExamples.Prepare(hardExamples);
        }

        using var signals = leaveRunning ? new StopSignals() : null;
        var taskCount = data.TaskCount(options.BatchSize);
        var jobId = resumeJobId ?? JobRunner.NewJobId();
        console.MarkupLine(resumeJobId is null ? $"Job [bold]{jobId}[/]" : $"Resuming job [bold]{jobId}[/]: only the tasks without a result are submitted.");
        await using var writer = answers is { Wanted: true } ? AnswerWriter.Open(console, answers.Print, answers.JsonLinesPath) : null;
        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var followed = writer is null ? Task.CompletedTask : WriteAnswersAsync(grains, jobId, writer, following.Token);
        JobReport? report = null;
        var runner = new JobRunner(grains, notice => console.MarkupLine($"[yellow]{Markup.Escape(notice)}[/]"));
        string? silo = null;
        string? waiting = null;
        Task<JobReport> Run(Action<JobProgress> onProgress) => runner.RunAsync(jobId, data, options, progress =>
        {
            // Said in a line as well as on the bar, so that a log written to a file shows it too.
            if (progress.WaitingFor != waiting && progress.State == JobState.Running)
            {
                console.MarkupLine(progress.WaitingFor is { } what
                    ? $"[yellow]Job {jobId}: tasks wait for {Markup.Escape(what)}: none is live (deadline {options.Deadline} from the start).[/]"
                    : $"Job {jobId}: no task waits for a device any more.");
                waiting = progress.WaitingFor;
            }

            if (progress.Silo is { } now && now != silo)
            {
                console.MarkupLine($"Job {jobId} runs on silo {Markup.Escape(now)}.");
                silo = now;
            }

            onProgress(progress);
        }, cancellation, resume: resumeJobId is not null, leaveRunning: leaveRunning);

        try
        {
            if (answers is { Print: true })
            {
                // Answers go to the console line by line: a live progress bar would tear them.
                report = await Run(_ => { });
            }
            else
            {
                await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var title = $"{options.Scheme}: {taskCount} tasks";
                        var bar = ctx.AddTask(title, maxValue: taskCount);
                        report = await Run(progress =>
                        {
                            bar.Value = progress.TasksDone;
                            bar.Description = progress.WaitingFor is { } missing ? $"{title} [yellow](waiting for {Markup.Escape(missing)})[/]" : title;
                        });

                        // The last progress poll may come before the last tasks settle: the bar ends where the report does.
                        bar.Value = report.State == JobState.Completed ? taskCount : bar.Value;
                    });
            }

            await followed;
        }
        catch (JobUnreachableException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 1;
        }
        finally
        {
            await following.CancelAsync();
            await followed.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (signals is not null && report!.State == JobState.Running)
        {
            return await LeftRunningAsync(console, runner, report, signals);
        }

        ReportView.Write(console, report!);
        DescribeModels(console, report!);
        if (answers?.HardExamplesDirectory is { } folder && report!.ImagesRecorded > 0)
        {
            await WriteHardExamplesAsync(console, grains, report, data, folder, cancellation);
        }

        if (report!.State == JobState.Cancelled)
        {
            console.MarkupLine($"[yellow]Cancelled:[/] {report.ImagesRecorded:N0} of {report.Spec.ImageCount:N0} images have a result.");
        }

        if (report.State == JobState.Failed)
        {
            var why = report.EndReason ?? $"{report.LostTasks} task(s) lost with fault method {report.Spec.Faults}";
            console.MarkupLine($"[red]Failed:[/] {report.MissingImageCount:N0} image(s) have no result: {Markup.Escape(why)}; " +
                $"first missing: {string.Join(", ", report.MissingImageIds.Take(10))}.");
        }

        // 130 is what a shell reports for a program stopped by Ctrl+C; a script can tell it from a failed job.
        return report.State switch
        {
            JobState.Completed => 0,
            JobState.Cancelled => 130,
            _ => 1,
        };
    }

    private static async Task WriteHardExamplesAsync(IAnsiConsole console, IGrainFactory grains, JobReport report, CifarDataset data, string folder, CancellationToken cancellation)
    {
        var written = await HardExamples.WriteAsync(grains, report.JobId, data, folder, cancellation);
        var endModel = report.Devices.FirstOrDefault(d => d.Tier == Tier.End)?.ModelId ?? "MODEL";
        console.MarkupLine(Markup.Escape(written == 0
            ? $"Hard examples: none (no fine answer corrected a coarse one); nothing added to {folder}."
            : $"Hard examples: {written:N0} image(s) the fine model corrected appended to {Path.Combine(folder, HardExamples.RecordsFile)} " +
              $"(both answers in {HardExamples.AnswersFile}); refit the end model with: hetero models fit {endModel} --data {folder}"));
    }

    // The client stopped and the job runs on: say how to carry on or cancel it, and at a terminal, cancel it at a second Ctrl+C.
    private static async Task<int> LeftRunningAsync(IAnsiConsole console, JobRunner runner, JobReport report, StopSignals signals)
    {
        var jobId = report.JobId;
        console.MarkupLine($"[yellow]Stopped following job {jobId}:[/] it keeps running on the cluster " +
            $"({report.ImagesRecorded:N0} of {report.Spec.ImageCount:N0} images have a result so far); images this client had not sent yet wait for " +
            $"a resume until the job's deadline, {report.Spec.Deadline} from its start.");
        // Command lines are written as they are, never wrapped to the console's width: they are for pasting.
        console.Profile.Out.Writer.WriteLine($"  carry on (submits only the tasks without a result): {ResumeLine.Resume(jobId)}");
        console.Profile.Out.Writer.WriteLine($"  cancel it: {ResumeLine.Cancel(jobId)}");
        if (signals.Terminated || !signals.Interrupted || Console.IsInputRedirected)
        {
            return signals.Terminated ? 143 : 130;
        }

        console.MarkupLine($"Press Ctrl+C again within {SecondInterruptWait.TotalSeconds:G} s to cancel the job now.");
        if (await Task.WhenAny(signals.SecondInterrupt, Task.Delay(SecondInterruptWait)) != signals.SecondInterrupt)
        {
            return 130;
        }

        using var wait = new CancellationTokenSource(CancelWait);
        var cancelled = await runner.CancelAsync(jobId, wait.Token);
        console.MarkupLine($"[yellow]Job {jobId} {cancelled.State.ToString().ToLowerInvariant()}:[/] {cancelled.ImagesRecorded:N0} of {cancelled.Spec.ImageCount:N0} images have a result.");
        return 130;
    }

    // Every answer of the job, as it comes, until the job ends and what it recorded meanwhile has been read back.
    private static async Task WriteAnswersAsync(IGrainFactory grains, string jobId, AnswerWriter writer, CancellationToken cancellation)
    {
        await foreach (var answer in JobFollower.FollowAsync(grains, jobId, cancellation))
        {
            await writer.WriteAsync(answer);
        }
    }

    // Accuracy means little without knowing what the models were fitted on; say it where this machine can tell, and
    // warn when that was synthetic pictures only.
    private static void DescribeModels(IAnsiConsole console, JobReport report)
    {
        ModelStore store;
        try
        {
            store = ModelStore.Open();
        }
        catch (ModelManifestException)
        {
            return;
        }

        foreach (var model in report.Devices.Select(d => (d.Tier, d.ModelId)).Distinct())
        {
            if (store.Manifest.Contains(model.ModelId) && store.FitReportOf(model.ModelId) is { } fit)
            {
                console.MarkupLine(Markup.Escape($"{model.Tier} model {model.ModelId}: classifier fitted on {fit.Images:N0} images of {fit.Data} (ridge {fit.Ridge})."));
            }
        }

        if (FitNotice.For(report.Devices.Select(d => d.ModelId)) is { } notice)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(notice)}[/]");
        }
    }

    /// <summary>Says which data the job uses.</summary>
    public static void DescribeData(IAnsiConsole console, CifarDataset data)
    {
        if (DataSource.IsSynthetic(data))
        {
            console.MarkupLine($"[yellow]No CIFAR-100 given (--data or ${DataSource.DataVariable}):[/] using {Markup.Escape(data.Source)}.");
        }
        else
        {
            console.MarkupLine($"Data: CIFAR-100 {Markup.Escape(data.Source)}, {data.Count:N0} images.");
        }
    }
}
