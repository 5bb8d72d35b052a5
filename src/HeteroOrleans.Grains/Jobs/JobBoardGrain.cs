using Orleans.Concurrency;
using Orleans.Placement;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Holds the last summary each job reported, for the device page. Nothing here is kept across activations: jobs
/// report every few seconds, so a board that moves fills again at once.
/// </summary>
[TierFilter(Tier.End)]
[PreferLocalPlacement]
[Reentrant]
public sealed class JobBoardGrain : Grain, IJobBoardGrain
{
    private const int JobsKept = 20;
    private static readonly TimeSpan EndedJobsShownFor = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, JobSummary> _jobs = new();

    /// <inheritdoc />
    public Task ReportAsync(JobSummary job)
    {
        // Reports of one job may cross on the way (a progress tick and the final word): the newest stands, and an
        // ended job is not brought back to Running by a tick of the same activation that arrives late.
        if (_jobs.TryGetValue(job.JobId, out var held)
            && (held.UpdatedUtc > job.UpdatedUtc || (Ended(held) && !Ended(job) && held.Activation == job.Activation)))
        {
            return Task.CompletedTask;
        }

        _jobs[job.JobId] = job;
        Prune();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobSummary>> GetJobsAsync()
    {
        Prune();
        return Task.FromResult<IReadOnlyList<JobSummary>>(_jobs.Values.OrderByDescending(j => j.UpdatedUtc).ToList());
    }

    private static bool Ended(JobSummary job) => job.State is not (JobState.Running or JobState.Pending);

    // Ended jobs leave the board after a minute (their reports stay readable from the jobs); a job that stopped
    // reporting while running (its silo died, and no client resumed it) leaves it too, after a while.
    private void Prune()
    {
        var now = DateTime.UtcNow;
        foreach (var job in _jobs.Values.ToList())
        {
            var quietFor = now - job.UpdatedUtc;
            if (quietFor > EndedJobsShownFor && (job.State != JobState.Running || quietFor > 10 * EndedJobsShownFor))
            {
                _jobs.Remove(job.JobId);
            }
        }

        foreach (var old in _jobs.Values.OrderByDescending(j => j.UpdatedUtc).Skip(JobsKept).ToList())
        {
            _jobs.Remove(old.JobId);
        }
    }
}
