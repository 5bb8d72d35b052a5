namespace HeteroOrleans.Tests.Jobs;

public sealed class EndToEndJobTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_end_edge_job_records_every_image_exactly_once()
    {
        var data = SyntheticCifar.Generate(230);
        var done = 0;

        var report = await new JobRunner(fixture.Cluster.Client)
            .RunAsync(data, new JobSpec(SchedulingScheme.EndEdge, BatchSize: 50, MaxTasksInFlight: 3), n => done = n, TestContext.Current.CancellationToken);

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(230, report.ImagesRecorded);
        Assert.Equal(0, report.DuplicateResults);
        Assert.Equal(0, report.MissingImageCount);
        Assert.Equal(5, done);
        Assert.Equal(0, report.LostTasks);
        Assert.NotNull(report.FineAccuracy);
        Assert.True(report.MakespanMs > 0);

        // Round robin over five end devices and two edges: tasks 0..4.
        var end = report.Devices.Where(d => d.Tier == Tier.End).ToDictionary(d => d.DeviceId);
        Assert.Equal([1, 1, 1, 1, 1], new[] { "end-01", "end-02", "end-03", "end-04", "end-05-emu" }.Select(id => end[id].Tasks));
        Assert.Equal(230, end.Values.Sum(d => d.Images));
        var edge = report.Devices.Where(d => d.Tier == Tier.Edge).ToDictionary(d => d.DeviceId);
        Assert.Equal(3, edge["edge-01"].Tasks);
        Assert.Equal(2, edge["edge-02"].Tasks);
        Assert.Equal(230, edge.Values.Sum(d => d.Images));
        Assert.DoesNotContain(report.Devices, d => d.Tier == Tier.Cloud);
        Assert.All(report.Devices, d => Assert.True(d.BusyMs > 0));
    }

    [Fact]
    public async Task End_cloud_sends_the_fine_stage_to_the_cloud_and_end_has_no_fine_stage()
    {
        var data = SyntheticCifar.Generate(100);
        var runner = new JobRunner(fixture.Cluster.Client);

        var endCloud = await runner.RunAsync(data, new JobSpec(SchedulingScheme.EndCloud), null, TestContext.Current.CancellationToken);
        var endOnly = await runner.RunAsync(data, new JobSpec(SchedulingScheme.End), null, TestContext.Current.CancellationToken);

        Assert.Equal(100, Assert.Single(endCloud.Devices, d => d.Tier == Tier.Cloud).Images);
        Assert.Equal(100, endCloud.ImagesRecorded);
        Assert.Null(endOnly.FineAccuracy);
        Assert.All(endOnly.Devices, d => Assert.Equal(Tier.End, d.Tier));
        Assert.Equal(100, endOnly.ImagesRecorded);
    }

    [Fact]
    public async Task The_report_gives_each_images_wait_for_its_coarse_and_its_fine_answer()
    {
        var data = SyntheticCifar.Generate(300, seed: 17);

        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(
            data, new JobSpec(SchedulingScheme.EndCloud, Latency: new LatencyOverrides(Cloud: TimeSpan.FromMilliseconds(200))), null, TestContext.Current.CancellationToken);

        var (coarse, fine) = (report.CoarseLatency!, report.FineLatency!);
        Assert.Equal(300, coarse.Images);
        Assert.Equal(300, fine.Images);
        Assert.True(coarse.P50Ms <= coarse.P95Ms && coarse.P95Ms <= coarse.P99Ms && coarse.P99Ms <= coarse.MaxMs);
        // The fine answer comes after the coarse one, over a 200 ms round trip to the cloud, and within the job's time.
        Assert.True(fine.P50Ms >= coarse.P50Ms + 200, $"fine p50 {fine.P50Ms:F0} ms against coarse p50 {coarse.P50Ms:F0} ms");
        Assert.True(fine.MaxMs <= report.MakespanMs, $"fine max {fine.MaxMs:F0} ms within the makespan of {report.MakespanMs:F0} ms");
    }

    [Fact]
    public async Task A_task_sent_twice_runs_once_and_a_finished_job_takes_it_again_without_work()
    {
        var data = SyntheticCifar.Generate(100);
        var job = fixture.Cluster.Client.GetGrain<IJobGrain>($"dup-{Guid.NewGuid():N}");
        var spec = new JobSpec(SchedulingScheme.EndEdge, 50, data.Count, data.Source);
        await job.StartAsync(spec);
        await job.StartAsync(spec);

        var first = data.CreateTask(0, 50);
        Assert.True(await job.SubmitAsync(first));
        Assert.True(await job.SubmitAsync(first));
        Assert.True(await job.SubmitAsync(data.CreateTask(1, 50)));
        var report = await Poll.UntilAsync(job.GetReportAsync, r => r.State != JobState.Running, "the job to finish", TimeSpan.FromSeconds(60), r => $"{r.State}, {r.ImagesRecorded} images recorded");
        Assert.True(await job.SubmitAsync(first));

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(100, report.ImagesRecorded);
        Assert.Equal(0, report.DuplicateResults);
        Assert.Equal(2, report.Devices.Where(d => d.Tier == Tier.End).Sum(d => d.Tasks));
        Assert.Empty(await job.GetTasksToSubmitAsync());
        var differs = await Assert.ThrowsAsync<InvalidOperationException>(() => job.StartAsync(spec with { BatchSize = 10, ImageCount = 60 }));
        Assert.Contains("--images 100, not 60", differs.Message);
        Assert.Contains("--batch 50, not 10", differs.Message);
    }

    [Fact]
    public async Task Resuming_a_job_nobody_started_is_refused_rather_than_started()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => new JobRunner(fixture.Cluster.Client).RunAsync(
            "job-that-never-was", SyntheticCifar.Generate(50), new JobSpec(), null, TestContext.Current.CancellationToken, resume: true));

        Assert.Contains("no such job", error.Message);
        Assert.Equal(JobState.Pending, (await fixture.Cluster.Client.GetGrain<IJobGrain>("job-that-never-was").GetProgressAsync()).State);
    }

    [Fact]
    public async Task Coarse_labels_match_the_end_model_run_directly()
    {
        var data = SyntheticCifar.Generate(50, seed: 11);
        var job = fixture.Cluster.Client.GetGrain<IJobGrain>($"direct-{Guid.NewGuid():N}");
        await job.StartAsync(new JobSpec(SchedulingScheme.End, 50, data.Count, data.Source, new DeviceLimits(End: 1)));

        await job.SubmitAsync(data.CreateTask(0, 50));
        await Poll.UntilAsync(job.GetReportAsync, r => r.State != JobState.Running, "the job to finish", TimeSpan.FromSeconds(60), r => $"{r.State}, {r.ImagesRecorded} images recorded");
        var results = await job.GetResultsAsync(0, 50);

        using var local = HeteroOrleans.Inference.Models.ModelStore.Open(TestPaths.NewModelsDirectory())
            .OpenClassifier("mobilenet-tiny", HeteroOrleans.Inference.Models.SessionTuning.Default);
        Assert.Equal(local.Classify(data.CreateTask(0, 50).Pixels, 50).Labels, results.Select(r => r.CoarseLabel));
        Assert.All(results, r => Assert.Equal("end-01", r.CoarseDevice));
        Assert.All(results, r => Assert.Equal(-1, r.FineLabel));
    }

    [Fact]
    public async Task A_mapping_job_sends_each_end_devices_fine_tasks_to_its_mapped_device()
    {
        // Profiles: end 2 ms/image, no link; edge 1 ms/image, 20 ms link. Per task of 50: end 0.1 s, edge 0.07 s,
        // so N_map = 1: end-01 → edge-01, end-02 → edge-02, the other three end devices → cloud-01.
        var data = SyntheticCifar.Generate(500);

        var report = await new JobRunner(fixture.Cluster.Client)
            .RunAsync(data, new JobSpec(SchedulingScheme.Mapping), null, TestContext.Current.CancellationToken);

        Assert.Equal(500, report.ImagesRecorded);
        Assert.Contains("N_map", report.Plan);
        Assert.Contains("end-01→edge-01", report.Plan);
        Assert.Contains("end-03→cloud-01", report.Plan);
        var mapped = new Dictionary<string, string>
        {
            ["end-01"] = "edge-01",
            ["end-02"] = "edge-02",
            ["end-03"] = "cloud-01",
            ["end-04"] = "cloud-01",
            ["end-05-emu"] = "cloud-01",
        };
        var results = await fixture.Cluster.Client.GetGrain<IJobGrain>(report.JobId).GetResultsAsync(0, 500);
        Assert.All(results, r => Assert.Equal(mapped[r.CoarseDevice], r.FineDevice));
        Assert.Equal(5, results.Select(r => r.CoarseDevice).Distinct().Count());
    }

    [Fact]
    public async Task Device_limits_pick_the_first_devices_of_each_tier()
    {
        var data = SyntheticCifar.Generate(200);

        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(
            data, new JobSpec(SchedulingScheme.EndEdge, Devices: new DeviceLimits(End: 2, Edge: 1)), null, TestContext.Current.CancellationToken);

        Assert.Equal(["end-01", "end-02", "edge-01"], report.Devices.Select(d => d.DeviceId));
    }

    [Theory]
    [InlineData(SchedulingScheme.EndEdge, 0, "edge device")]
    [InlineData(SchedulingScheme.EndCloud, 9, "9 End device(s); 5 are available")]
    public async Task A_job_that_cannot_run_on_the_devices_fails_before_any_work(SchedulingScheme scheme, int count, string expected)
    {
        var limits = scheme == SchedulingScheme.EndEdge ? new DeviceLimits(Edge: count) : new DeviceLimits(End: count);
        var job = fixture.Cluster.Client.GetGrain<IJobGrain>($"bad-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => job.StartAsync(new JobSpec(scheme, 50, 100, "x", limits)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_job_refuses_a_non_positive_batch_before_any_work()
    {
        var job = fixture.Cluster.Client.GetGrain<IJobGrain>($"bad-{Guid.NewGuid():N}");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => job.StartAsync(new JobSpec(SchedulingScheme.EndEdge, 0, 10, "x")));
        Assert.Contains("Batch size", error.Message);
    }
}
