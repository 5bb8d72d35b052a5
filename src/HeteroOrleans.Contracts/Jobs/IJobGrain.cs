namespace HeteroOrleans.Contracts.Jobs;

/// <summary>
/// The task assigner of one job (keyed by job id). It lives on an end-tier silo, picks devices by the job's
/// scheme, runs each task's coarse and fine stage, survives failing devices by the job's fault method, and
/// records each image's result exactly once.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job. Fails with a clear message when the scheme cannot run on the available devices.</summary>
    Task StartAsync(JobSpec spec);

    /// <summary>
    /// Hands the job one task. Returns once the job has room for it (at most <see cref="JobSpec.MaxTasksInFlight"/>
    /// run at once): that is the back-pressure. The task then runs on its own; watch <see cref="GetProgressAsync"/>.
    /// </summary>
    Task SubmitAsync(ImageTask task);

    /// <summary>Reports how far the job is; its state becomes Completed or Failed once every task is settled.</summary>
    Task<JobProgress> GetProgressAsync();

    /// <summary>The recorded results of images <paramref name="firstImageId"/> onwards (at most <paramref name="count"/>); images without a result are left out.</summary>
    Task<IReadOnlyList<ImageResult>> GetResultsAsync(int firstImageId, int count);

    /// <summary>Marks the job cancelled; tasks already running still finish.</summary>
    Task CancelAsync();

    /// <summary>Builds the job's report: accuracy, makespan, per-device usage, failures, missing images.</summary>
    Task<JobReport> GetReportAsync();
}
