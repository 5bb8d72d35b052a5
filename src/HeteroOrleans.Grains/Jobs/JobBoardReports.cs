using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>A running job's line on the job board, which live views read.</summary>
internal static class JobBoardReports
{
    /// <summary>Sends job <paramref name="jobId"/>'s summary to <paramref name="board"/>; a failed send is logged, not thrown: it only leaves the board a little stale.</summary>
    public static async Task SendAsync(IJobBoardGrain board, string jobId, JobLife life, JobExecution run, JobProgress progress, DateTime nowUtc, ILogger logger)
    {
        try
        {
            await board.ReportAsync(new JobSummary(
                jobId, life.Plan, progress.State, life.Spec!.TaskCount, progress.TasksDone, run.Results.Ledger.Recorded, nowUtc,
                progress.WaitingFor, run.Results.Counters.Hedges, life.Activations, run.Results.Latencies.CoarseSummary(), run.Results.Latencies.FineSummary()));
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or SiloUnavailableException)
        {
            logger.LogDebug(e, "Job {Job}: progress report to the job board failed", jobId);
        }
    }
}
