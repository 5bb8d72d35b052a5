using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Inference.Cifar;

namespace HeteroOrleans.Client.Jobs;

/// <summary>
/// Submits a data set to a new job grain task by task, keeping at most <see cref="JobRunOptions.MaxTasksInFlight"/>
/// tasks in flight (the back-pressure), and returns the job's report.
/// </summary>
public sealed class JobRunner(IGrainFactory grains)
{
    /// <summary>Runs the job. On cancellation, tasks in flight finish, the job is marked cancelled, and its report returned.</summary>
    /// <param name="onTaskDone">Called after each task with the number of tasks done.</param>
    public async Task<JobReport> RunAsync(CifarDataset data, JobRunOptions options, Action<int>? onTaskDone, CancellationToken cancellation)
    {
        var spec = new JobSpec(options.Scheme, options.BatchSize, data.Count, data.Source, options.Devices, options.Latency);
        var jobId = $"job-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var job = grains.GetGrain<IJobGrain>(jobId);
        await job.StartAsync(spec);

        using var slots = new SemaphoreSlim(options.MaxTasksInFlight);
        var inFlight = new List<Task>();
        var done = 0;
        try
        {
            for (var index = 0; index < spec.TaskCount; index++)
            {
                await slots.WaitAsync(cancellation);
                if (inFlight.FirstOrDefault(t => t.IsFaulted) is { } failed)
                {
                    // A task that failed fails the job: stop feeding it and surface the device's error.
                    await job.CancelAsync();
                    await failed;
                }

                var task = data.CreateTask(index, options.BatchSize);
                inFlight.Add(RunOneAsync(job, task, slots, () => onTaskDone?.Invoke(Interlocked.Increment(ref done))));
                inFlight.RemoveAll(t => t.IsCompletedSuccessfully);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await job.CancelAsync();
        }

        await Task.WhenAll(inFlight);
        return await job.GetReportAsync();
    }

    private static async Task RunOneAsync(IJobGrain job, ImageTask task, SemaphoreSlim slots, Action onDone)
    {
        try
        {
            await job.ProcessTaskAsync(task);
            onDone();
        }
        finally
        {
            slots.Release();
        }
    }
}
