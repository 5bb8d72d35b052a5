using HeteroOrleans.Cli.Output;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HeteroOrleans.Cli.Commands.Jobs;

/// <summary><c>hetero jobs</c>: a job on a running cluster, by its id: its state and report, or cancelling it.</summary>
public static class JobsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var jobs = new Command("jobs", "A job on a running cluster, by its id (the client prints it when a job starts)");
        jobs.Subcommands.Add(Verb(console, "status", "Show a job's state and report; it runs on whether or not a client follows it", async (runner, jobId, cancellation) =>
        {
            var report = await runner.ReportAsync(jobId, cancellation);
            ReportView.Write(console, report);
            console.MarkupLine($"Job {jobId}: {report.State.ToString().ToLowerInvariant()}, {report.ImagesRecorded:N0} of {report.Spec.ImageCount:N0} images have a result.");
            return report.State switch { JobState.Completed or JobState.Running => 0, JobState.Cancelled => 130, _ => 1 };
        }));
        jobs.Subcommands.Add(Verb(console, "cancel", "Cancel a job: its devices' work stops, the results it has are kept", async (runner, jobId, cancellation) =>
        {
            var report = await runner.CancelAsync(jobId, cancellation);
            console.MarkupLine($"Job {jobId}: {report.State.ToString().ToLowerInvariant()}, {report.ImagesRecorded:N0} of {report.Spec.ImageCount:N0} images have a result.");
            return report.State == JobState.Cancelled ? 0 : 1;
        }));
        return jobs;
    }

    private static Command Verb(IAnsiConsole console, string name, string description, Func<JobRunner, string, CancellationToken, Task<int>> act)
    {
        var gateways = new GatewayOptions();
        var jobId = new Argument<string>("job-id") { Description = "The job's id, as the client printed it (job-…)" };
        var command = new Command(name, description) { jobId };
        gateways.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            using var app = await gateways.ConnectAsync(result, console, cancellation);
            try
            {
                var runner = new JobRunner(app.Services.GetRequiredService<IClusterClient>(), notice => console.MarkupLine($"[yellow]{Markup.Escape(notice)}[/]"), TimeSpan.FromSeconds(30));
                return await act(runner, result.GetValue(jobId)!, cancellation);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }
}
