using HeteroOrleans.Contracts.Jobs;

namespace HeteroOrleans.Client;

/// <summary>
/// Streams a data set into a job grain task by task (each submission waits while the job is full: the
/// back-pressure), watches its progress, and returns its report. When the job's silo dies, the job comes back on
/// another silo from its stored state: the runner notices (its calls fail, or the job reports a new activation), asks
/// the job which tasks have no result, and submits only those. A gateway that dies is replaced by another the client knows.
/// </summary>
/// <param name="grains">The cluster.</param>
/// <param name="onNotice">Told, in words, when contact with the job is lost and found again, and when tasks are submitted again.</param>
/// <param name="reconnectFor">How long the runner keeps trying to reach the job before it gives up (the job goes on). Default 2 min.</param>
public sealed class JobRunner(IGrainFactory grains, Action<string>? onNotice = null, TimeSpan? reconnectFor = null)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _reconnectFor = reconnectFor ?? TimeSpan.FromMinutes(2);

    /// <summary>A new, unique job id.</summary>
    public static string NewJobId() => $"job-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Runs a new job. On cancellation, submission stops, the job is marked cancelled, and its report returned.</summary>
    /// <param name="onTaskDone">Called as tasks settle, with the number settled so far.</param>
    public Task<JobReport> RunAsync(CifarDataset data, JobSpec spec, Action<int>? onTaskDone, CancellationToken cancellation) =>
        RunAsync(NewJobId(), data, spec, onTaskDone is null ? null : p => onTaskDone(p.TasksDone), cancellation);

    /// <summary>
    /// Runs job <paramref name="jobId"/>: starts it, or resumes it when it exists with the same spec (then only the
    /// tasks without a result are submitted).
    /// </summary>
    /// <param name="resume">True when the job must exist already (<c>--resume</c>): a job id nobody started is refused, not started.</param>
    /// <param name="leaveRunning">
    /// On <paramref name="cancellation"/>, true leaves the job running on the cluster (the caller stops, not the job: the
    /// tasks it holds go on, and a resume submits the rest); false cancels it. Either way its report so far is returned.
    /// </param>
    /// <exception cref="JobUnreachableException">No gateway reached the job for longer than the runner waits.</exception>
    /// <exception cref="ArgumentException">Resuming a job that does not exist.</exception>
    public async Task<JobReport> RunAsync(
        string jobId, CifarDataset data, JobSpec spec, Action<JobProgress>? onProgress, CancellationToken cancellation, bool resume = false,
        bool leaveRunning = false)
    {
        spec = spec.Covering(data);
        var job = grains.GetGrain<IJobGrain>(jobId);
        var contact = new JobContact(jobId, _reconnectFor, onNotice);
        if (resume && (await contact.CallAsync("looking it up", job.GetProgressAsync, cancellation)).State == JobState.Pending)
        {
            throw new ArgumentException($"--resume {jobId}: this cluster has no such job (check the id; the client prints it when a job starts).");
        }

        await contact.CallAsync("starting it", () => job.StartAsync(spec), cancellation, slow: true);
        try
        {
            var progress = await contact.CallAsync("reading its progress", job.GetProgressAsync, cancellation);
            var toSubmit = progress.TasksDone == 0 && progress.TasksHeld == 0 && progress.Activation == 1
                ? Enumerable.Range(0, spec.TaskCount).ToList()
                : await contact.CallAsync("asking which tasks it lacks", job.GetTasksToSubmitAsync, cancellation);
            var submission = new Submission(progress.Activation);
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var watcher = WatchAsync(contact, job, data, spec, submission, onProgress, watching.Token);
            try
            {
                await SubmitAsync(contact, job, data, spec, toSubmit, submission, cancellation);
                submission.Done = true;
                await watcher;
            }
            finally
            {
                await watching.CancelAsync();
                await watcher.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested && leaveRunning)
        {
            // The caller stops following; the job goes on with what it holds.
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            using var wait = new CancellationTokenSource(CancelWait);
            await contact.CallAsync("cancelling it", job.CancelAsync, wait.Token);
        }

        using var reading = new CancellationTokenSource(_reconnectFor);
        return await contact.CallAsync("reading its report", job.GetReportAsync, reading.Token);
    }

    /// <summary>The report of job <paramref name="jobId"/> as it stands: a running job's so far.</summary>
    /// <exception cref="ArgumentException">The cluster has no such job.</exception>
    /// <exception cref="JobUnreachableException">No gateway reached the job for longer than the runner waits.</exception>
    public async Task<JobReport> ReportAsync(string jobId, CancellationToken cancellation)
    {
        var (job, contact) = await FindAsync(jobId, cancellation);
        return await contact.CallAsync("reading its report", job.GetReportAsync, cancellation);
    }

    /// <summary>Cancels job <paramref name="jobId"/> on the cluster: its devices' work stops, its results so far are kept.</summary>
    /// <returns>The job's report: Cancelled, or the state it had already ended in.</returns>
    /// <exception cref="ArgumentException">The cluster has no such job.</exception>
    /// <exception cref="JobUnreachableException">No gateway reached the job for longer than the runner waits.</exception>
    public async Task<JobReport> CancelAsync(string jobId, CancellationToken cancellation)
    {
        var (job, contact) = await FindAsync(jobId, cancellation);
        await contact.CallAsync("cancelling it", job.CancelAsync, cancellation);
        return await contact.CallAsync("reading its report", job.GetReportAsync, cancellation);
    }

    // The job, once the cluster says it was started: a job grain nobody started exists only as an empty activation.
    private async Task<(IJobGrain Job, JobContact Contact)> FindAsync(string jobId, CancellationToken cancellation)
    {
        var job = grains.GetGrain<IJobGrain>(jobId);
        var contact = new JobContact(jobId, _reconnectFor, onNotice);
        return (await contact.CallAsync("looking it up", job.GetProgressAsync, cancellation)).State == JobState.Pending
            ? throw new ArgumentException($"{jobId}: this cluster has no such job (check the id; the client prints it when a job starts).")
            : (job, contact);
    }

    // Watches the job while tasks go in and after: reports progress, and once everything was submitted, submits
    // again what an activation of the job lost (tasks it does not hold and that have no result).
    private async Task WatchAsync(
        JobContact contact, IJobGrain job, CifarDataset data, JobSpec spec, Submission submission, Action<JobProgress>? onProgress, CancellationToken cancellation)
    {
        while (true)
        {
            var progress = await contact.CallAsync("reading its progress", job.GetProgressAsync, cancellation);
            if (progress.State == JobState.Pending)
            {
                progress = await StartAgainAsync(contact, job, spec, submission, cancellation);
            }

            onProgress?.Invoke(progress);
            if (progress.State != JobState.Running)
            {
                return;
            }

            if (progress.Activation > submission.Announced)
            {
                submission.Announced = progress.Activation;
                onNotice?.Invoke($"Job {job.GetPrimaryKeyString()} came back on silo {progress.Silo} from its stored state (activation {progress.Activation}); " +
                    $"{progress.ImagesDone:N0} images kept their result.");
            }

            if (submission.Done && (progress.Activation != submission.Activation || (progress.TasksHeld == 0 && progress.TasksDone < progress.TasksTotal)))
            {
                var missing = await contact.CallAsync("asking which tasks it lacks", job.GetTasksToSubmitAsync, cancellation);
                if (missing.Count > 0)
                {
                    onNotice?.Invoke($"Job {job.GetPrimaryKeyString()}: submitting again the {missing.Count} task(s) whose work was lost with the silo.");
                }

                submission.Activation = progress.Activation;
                await SubmitAsync(contact, job, data, spec, missing, submission, cancellation);
            }

            await Task.Delay(PollInterval, cancellation);
        }
    }

    // The cluster no longer knows the job it was running: its store lost the job's record (a store that keeps nothing
    // on disk restarted) and the silo that held it whole stopped too. The client holds every image: it starts the job
    // again under its id and, once the first submission is through, submits every task without a result again.
    private async Task<JobProgress> StartAgainAsync(JobContact contact, IJobGrain job, JobSpec spec, Submission submission, CancellationToken cancellation)
    {
        onNotice?.Invoke($"Job {job.GetPrimaryKeyString()}: the cluster lost it (its store lost the job's record, and the silo that held it stopped); " +
            "starting it again from its first image.");
        await contact.CallAsync("starting it again", () => job.StartAsync(spec), cancellation, slow: true);
        var progress = await contact.CallAsync("reading its progress", job.GetProgressAsync, cancellation);

        // Any activation other than the one submitted to makes the watch submit what the job lacks.
        submission.Activation = 0;
        submission.Announced = progress.Activation;
        return progress;
    }

    private async Task SubmitAsync(
        JobContact contact, IJobGrain job, CifarDataset data, JobSpec spec, IEnumerable<int> tasks, Submission submission, CancellationToken cancellation)
    {
        foreach (var index in tasks)
        {
            var task = data.CreateTask(index, spec.BatchSize);

            // False: the job had no room for a few seconds (its devices are busy or it waits for one); offer it again.
            while (!await TrySubmitAsync(contact, job, spec, task, submission, cancellation))
            {
            }
        }
    }

    // A job that refuses tasks because the cluster no longer knows it (it reads as never started) is started again.
    private async Task<bool> TrySubmitAsync(JobContact contact, IJobGrain job, JobSpec spec, ImageTask task, Submission submission, CancellationToken cancellation)
    {
        try
        {
            return await contact.CallAsync($"submitting task {task.TaskIndex}", () => job.SubmitAsync(task), cancellation);
        }
        catch (InvalidOperationException)
        {
            if ((await contact.CallAsync("reading its progress", job.GetProgressAsync, cancellation)).State != JobState.Pending)
            {
                throw;
            }
        }

        await StartAgainAsync(contact, job, spec, submission, cancellation);
        return false;
    }

    private sealed class Submission(int activation)
    {
        /// <summary>The activation of the job the runner last submitted to.</summary>
        public int Activation { get; set; } = activation;

        /// <summary>The last activation the runner told the user about.</summary>
        public int Announced { get; set; } = activation;

        /// <summary>Every task was submitted once.</summary>
        public volatile bool Done;
    }
}
