namespace HeteroOrleans.Contracts.Jobs;

/// <summary>
/// The cluster's live list of jobs, for the device page: each job reports how far it is, and the board keeps the
/// running ones and those that ended in the last minute. Use key 0: there is one per cluster. A job's own grain
/// stays the truth of its state; a lost report only leaves the board a little stale.
/// </summary>
public interface IJobBoardGrain : IGrainWithIntegerKey
{
    /// <summary>A job tells how far it is (at its start, as it goes, and at its end).</summary>
    Task ReportAsync(JobSummary job);

    /// <summary>The running jobs and those that ended in the last minute, newest first.</summary>
    Task<IReadOnlyList<JobSummary>> GetJobsAsync();
}
