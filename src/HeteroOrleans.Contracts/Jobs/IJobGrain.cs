namespace HeteroOrleans.Contracts.Jobs;

/// <summary>
/// The task assigner of one job (keyed by job id). It lives on an end-tier silo, picks devices by the job's
/// scheme, runs each task's coarse and fine stage and records each image's result exactly once.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job. Fails with a clear message when the scheme cannot run on the available devices.</summary>
    Task StartAsync(JobSpec spec);

    /// <summary>
    /// Runs one task through both stages and returns its labels. Callers bound how many tasks they keep in
    /// flight: that is the job's back-pressure.
    /// </summary>
    Task<TaskOutcome> ProcessTaskAsync(ImageTask task);

    /// <summary>Reports how far the job is.</summary>
    Task<JobProgress> GetProgressAsync();

    /// <summary>Marks the job cancelled; tasks already in flight still finish.</summary>
    Task CancelAsync();

    /// <summary>Builds the job's report: accuracy, makespan, per-device usage, missing images.</summary>
    Task<JobReport> GetReportAsync();
}
