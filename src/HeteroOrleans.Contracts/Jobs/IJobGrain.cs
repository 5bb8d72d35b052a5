namespace HeteroOrleans.Contracts.Jobs;

/// <summary>
/// The task assigner of one job (keyed by job id). It lives on an end-tier silo, picks devices by the job's
/// scheme, runs each task's coarse and fine stage, survives failing devices by the job's fault method, and
/// records each image's result exactly once.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the job. Fails with a clear message when the scheme cannot run on the available devices. Starting a
    /// job again with the same spec (a client resuming it) is accepted and changes nothing; another spec is refused.
    /// </summary>
    Task StartAsync(JobSpec spec);

    /// <summary>
    /// Hands the job one task. Returns true once the job holds it (at most <see cref="JobSpec.MaxTasksInFlight"/>
    /// run at once: that is the back-pressure), or false when no room came free within a few seconds; submit it
    /// again then. A task the job already holds or has finished is accepted and ignored, so submitting twice is safe; so
    /// is any task once the job has ended (completed, failed or cancelled).
    /// The task then runs on its own; watch <see cref="GetProgressAsync"/>.
    /// </summary>
    Task<bool> SubmitAsync(ImageTask task);

    /// <summary>
    /// The tasks that have no result and that this activation does not hold: after the job came back on another
    /// silo, these are what the client must submit again. Empty once the job has ended.
    /// </summary>
    Task<IReadOnlyList<int>> GetTasksToSubmitAsync();

    /// <summary>Reports how far the job is; its state becomes Completed or Failed once every task is settled.</summary>
    Task<JobProgress> GetProgressAsync();

    /// <summary>The recorded results of images <paramref name="firstImageId"/> onwards (at most <paramref name="count"/>); images without a result are left out.</summary>
    Task<IReadOnlyList<ImageResult>> GetResultsAsync(int firstImageId, int count);

    /// <summary>
    /// Subscribes <paramref name="observer"/> to the job's answers as they come, or renews its subscription. A
    /// subscription lapses after a minute without renewal, and a job that comes back on another silo has none: renew
    /// every few seconds, and read what was missed with <see cref="GetResultsAsync"/>.
    /// </summary>
    Task FollowAsync(IJobAnswerObserver observer);

    /// <summary>Marks the job cancelled; tasks already running still finish.</summary>
    Task CancelAsync();

    /// <summary>Builds the job's report: accuracy, makespan, per-device usage, failures, missing images.</summary>
    Task<JobReport> GetReportAsync();
}
