namespace HeteroOrleans.Benchmarks;

/// <summary>
/// A bench's cluster, from start to warm: the silos of the settings in this process, every device listed, a job
/// runner, and unmeasured warm-up jobs that fill the emulated devices' prediction caches with real answers, so that
/// measured runs spend only the emulated time.
/// </summary>
public sealed class BenchSession : IAsyncDisposable
{
    private static readonly TimeSpan DevicesWait = TimeSpan.FromSeconds(30);
    private readonly Action<string> _log;

    private BenchSession(LocalCluster cluster, Action<string> log)
    {
        Cluster = cluster;
        Runner = new JobRunner(cluster.Grains);
        _log = log;
    }

    /// <summary>The running cluster.</summary>
    public LocalCluster Cluster { get; }

    /// <summary>Runs jobs on <see cref="Cluster"/>.</summary>
    public JobRunner Runner { get; }

    /// <summary>Starts the silos of <paramref name="settings"/> and waits (30 s unless <paramref name="devicesWait"/> says otherwise) until the monitor lists every device.</summary>
    public static async Task<BenchSession> StartAsync(IReadOnlyList<SiloSettings> settings, Action<string> log, CancellationToken cancellation, TimeSpan? devicesWait = null)
    {
        var cluster = await LocalCluster.StartAsync(settings, cancellation);
        try
        {
            await cluster.WaitForDevicesAsync(devicesWait ?? DevicesWait, cancellation);
            await cluster.WaitForAvailableAsync(devicesWait ?? DevicesWait, cancellation);
            return new BenchSession(cluster, log);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs each of <paramref name="jobs"/> once on <paramref name="data"/>, unmeasured.</summary>
    public async Task WarmAsync(CifarDataset data, IEnumerable<JobSpec> jobs, CancellationToken cancellation)
    {
        _log("warming the prediction caches …");
        foreach (var job in jobs)
        {
            await Runner.RunAsync(data, job, null, cancellation);
        }
    }

    /// <summary>Runs <paramref name="job"/> and returns its report; a job that does not complete fails the bench, naming <paramref name="point"/>.</summary>
    /// <exception cref="InvalidOperationException">The job did not complete.</exception>
    /// <param name="onTaskDone">Called as tasks settle, with the number settled so far.</param>
    public async Task<JobReport> RunCompletedAsync(CifarDataset data, JobSpec job, string point, CancellationToken cancellation, Action<int>? onTaskDone = null)
    {
        var report = await Runner.RunAsync(data, job, onTaskDone, cancellation);
        return report.State == JobState.Completed
            ? report
            : throw new InvalidOperationException($"{point}: the job ended {report.State} ({report.EndReason}).");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
