using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Inference.Cifar;

namespace HeteroOrleans.Client.Jobs;

/// <summary>
/// Streams a data set into a new job grain task by task (each submission waits while the job is full: the
/// back-pressure), watches its progress, and returns its report.
/// </summary>
public sealed class JobRunner(IGrainFactory grains)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private const int GatewayRetries = 5;

    /// <summary>Runs the job. On cancellation, submission stops, the job is marked cancelled, and its report returned.</summary>
    /// <param name="onTaskDone">Called as tasks settle, with the number settled so far.</param>
    public async Task<JobReport> RunAsync(CifarDataset data, JobRunOptions options, Action<int>? onTaskDone, CancellationToken cancellation)
    {
        var spec = new JobSpec(options.Scheme, options.BatchSize, data.Count, data.Source, options.Devices, options.Latency,
            options.Faults, options.TimeoutMs, options.MaxTasksInFlight, options.Privacy, options.FeaturePrecision);
        var jobId = $"job-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var job = grains.GetGrain<IJobGrain>(jobId);
        await job.StartAsync(spec);

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var watcher = WatchAsync(job, onTaskDone, watching.Token);
        try
        {
            for (var index = 0; index < spec.TaskCount; index++)
            {
                cancellation.ThrowIfCancellationRequested();
                var task = data.CreateTask(index, options.BatchSize);
                await RetryAsync(() => job.SubmitAsync(task), cancellation);
            }

            await watcher;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await job.CancelAsync();
        }

        return await RetryAsync(job.GetReportAsync, cancellation);
    }

    // A gateway that dies takes the calls in flight through it along; the client reconnects through another, and the
    // call is repeated. Repeating is safe: the job records a task submitted twice once.
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().WaitAsync(cancellation);
            }
            catch (Exception e) when (attempt < GatewayRetries && e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellation);
            }
        }
    }

    private static Task RetryAsync(Func<Task> call, CancellationToken cancellation) =>
        RetryAsync(async () =>
        {
            await call();
            return true;
        }, cancellation);

    private static async Task WatchAsync(IJobGrain job, Action<int>? onTaskDone, CancellationToken cancellation)
    {
        while (true)
        {
            var progress = await RetryAsync(job.GetProgressAsync, cancellation);
            onTaskDone?.Invoke(progress.TasksDone);
            if (progress.State != JobState.Running)
            {
                return;
            }

            await Task.Delay(PollInterval, cancellation);
        }
    }
}
