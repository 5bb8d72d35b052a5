using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Dependability;

/// <summary>Jobs outlive their silo, and any other: each test kills a silo of its own cluster mid-job.</summary>
public sealed class JobDurabilityTests
{
    // Two end silos, so the job (and the device monitor) can move; the membership table lives on the cloud primary.
    private static readonly Dictionary<string, (Tier, string[])> Layout = new()
    {
        ["Primary"] = (Tier.Cloud, ["cloud-01-emu"]),
        ["Secondary_1"] = (Tier.End, ["end-01-emu", "end-02-emu"]),
        ["Secondary_2"] = (Tier.End, ["end-03-emu", "end-04-emu"]),
        ["Secondary_3"] = (Tier.Edge, ["edge-01-emu", "edge-02-emu"]),
    };

    [Fact]
    public async Task Killing_the_jobs_own_silo_mid_job_completes_with_every_image_once()
    {
        await using var cluster = await TierCluster.DeployAsync(Layout);
        var notices = new List<string>();
        var (report, killed) = await RunAndKillAsync(cluster, notices, progress => progress.Silo);

        Assert.Equal(JobState.Completed, report.State);
        Assert.True(report.Activations >= 2, $"the job should have come back on the other end silo after {killed} died");
        Assert.Contains(notices, n => n.Contains("came back on silo", StringComparison.Ordinal) || n.Contains("reached again", StringComparison.Ordinal));
        await AssertEveryImageOnceAsync(cluster, report);
    }

    [Fact]
    public async Task A_job_that_moves_keeps_cutting_the_untrusted_devices_model_where_it_started()
    {
        await using var cluster = await TierCluster.DeployAsync(Layout);
        var from = System.Diagnostics.Stopwatch.GetTimestamp();
        var spec = new JobSpec(SchedulingScheme.EndCloud, Split: "group2.block1.add");

        var (report, killed) = await RunAndKillAsync(cluster, [], progress => progress.Silo, spec);

        Assert.Equal(JobState.Completed, report.State);
        Assert.True(report.Activations >= 2, $"the job should have come back on the other end silo after {killed} died");
        var tails = DeviceCallLog.Calls.Where(c => c.Arrived >= from && c is { DeviceId: "cloud-01-emu", Method: nameof(IComputeDeviceGrain.ClassifyFeaturesAsync) }).ToList();
        Assert.NotEmpty(tails);
        Assert.All(tails, t => Assert.Equal("group2.block1.add", t.Cut));
        await AssertEveryImageOnceAsync(cluster, report);
    }

    [Fact]
    public async Task Killing_another_silo_mid_job_neither_resets_the_job_nor_loses_an_image()
    {
        await using var cluster = await TierCluster.DeployAsync(Layout);
        var (report, _) = await RunAndKillAsync(cluster, [], progress => cluster.Silos.Single(s =>
            s.Name is "Secondary_1" or "Secondary_2" && s.SiloAddress.ToString() != progress.Silo).SiloAddress.ToString());

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(1, report.Activations);
        await AssertEveryImageOnceAsync(cluster, report);
    }

    [Fact]
    public async Task A_new_client_resumes_a_job_and_submits_only_the_tasks_without_a_result()
    {
        await using var cluster = await TierCluster.DeployAsync(Layout);
        var data = SyntheticCifar.Generate(1000);
        var options = new JobSpec(SchedulingScheme.EndEdge);
        var jobId = JobRunner.NewJobId();
        var job = cluster.Client.GetGrain<IJobGrain>(jobId);
        await job.StartAsync(options.Covering(data));
        for (var i = 0; i < 8; i++)
        {
            Assert.True(await job.SubmitAsync(data.CreateTask(i, options.BatchSize)));
        }

        await Poll.UntilAsync(job.GetReportAsync, r => r.ImagesRecorded == 400, "the first 8 tasks to finish", TimeSpan.FromSeconds(60), r => $"{r.State}, {r.ImagesRecorded} images recorded");
        var report = await new JobRunner(cluster.Client).RunAsync(jobId, data, options, null, TestContext.Current.CancellationToken);

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(20, report.Devices.Where(d => d.Tier == Tier.End).Sum(d => d.Tasks));
        await AssertEveryImageOnceAsync(cluster, report);
    }

    [Fact]
    public async Task A_client_that_stops_leaves_its_job_running_and_a_resume_ends_with_every_image_once()
    {
        await using var cluster = await TierCluster.DeployAsync(Layout);
        var data = SyntheticCifar.Generate(1000);
        var options = new JobSpec(SchedulingScheme.EndEdge);
        var jobId = JobRunner.NewJobId();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // The client stops (Ctrl+C, SIGTERM) once the first answers come: the job is not cancelled.
        var left = await new JobRunner(cluster.Client).RunAsync(jobId, data, options, p =>
        {
            if (p.TasksDone > 0)
            {
                stop.Cancel();
            }
        }, stop.Token, leaveRunning: true);
        Assert.Equal(JobState.Running, left.State);

        var report = await new JobRunner(cluster.Client).RunAsync(jobId, data, options, null, TestContext.Current.CancellationToken, resume: true);

        Assert.Equal(JobState.Completed, report.State);
        await AssertEveryImageOnceAsync(cluster, report);
    }

    [Fact]
    public async Task A_finished_jobs_report_and_results_stay_readable_after_its_silo_died()
    {
        await using var cluster = await TierCluster.DeployAsync(Layout);
        var data = SyntheticCifar.Generate(300);
        var finished = await new JobRunner(cluster.Client).RunAsync(data, new JobSpec(SchedulingScheme.EndEdge), null, TestContext.Current.CancellationToken);

        var job = cluster.Client.GetGrain<IJobGrain>(finished.JobId);
        var silo = (await job.GetProgressAsync()).Silo;
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.ToString() == silo), TestContext.Current.CancellationToken);
        var reread = await job.GetReportAsync();

        Assert.Equal(JobState.Completed, reread.State);
        Assert.Equal(finished.ImagesRecorded, reread.ImagesRecorded);
        Assert.Equal(finished.CoarseAccuracy, reread.CoarseAccuracy);
        Assert.Equal(300, (await job.GetResultsAsync(0, 300)).Count);
        var progress = await job.GetProgressAsync();
        Assert.Equal(JobState.Completed, progress.State);
        Assert.NotEqual(silo, progress.Silo);
    }

    private static async Task<(JobReport Report, string Killed)> RunAndKillAsync(
        TestCluster cluster, List<string> notices, Func<JobProgress, string?> victim, JobSpec? spec = null)
    {
        var data = SyntheticCifar.Generate(2000);
        JobProgress? progress = null;
        var run = new JobRunner(cluster.Client, notices.Add).RunAsync(
            JobRunner.NewJobId(), data, spec ?? new JobSpec(SchedulingScheme.EndEdge), p => progress = p, TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => progress is { TasksDone: >= 8 } || run.IsCompleted, "8 tasks done");

        Assert.False(run.IsCompleted, "the job finished before the silo could be killed");
        var address = victim(progress!);
        var silo = cluster.Silos.Single(s => s.SiloAddress.ToString() == address);
        await cluster.KillSiloAsync(silo, TestContext.Current.CancellationToken);
        return (await run, silo.Name);
    }

    private static async Task AssertEveryImageOnceAsync(TestCluster cluster, JobReport report)
    {
        var results = await cluster.Client.GetGrain<IJobGrain>(report.JobId).GetResultsAsync(0, report.Spec.ImageCount);
        Assert.Equal(Enumerable.Range(0, report.Spec.ImageCount), results.Select(r => r.ImageId));
        Assert.Equal(report.Spec.ImageCount, report.ImagesRecorded);
        Assert.Equal(0, report.MissingImageCount);
    }
}
