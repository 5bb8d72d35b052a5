namespace HeteroOrleans.Tests.Dependability;

/// <summary>With no live device for a role, tasks wait, visibly, until one comes back; only the deadline ends the wait.</summary>
public sealed class WaitForDeviceTests(StragglerFixture fixture) : IClassFixture<StragglerFixture>, IAsyncLifetime
{
    private static readonly string[] Edges = ["edge-01-emu", "edge-02-emu"];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var id in Edges)
        {
            await fixture.Cluster.Client.GetDevice(Tier.Edge, id).RecoverAsync();
        }

        await TierCluster.WaitForMonitorAsync(fixture.Cluster, d => d.All(x => x.Health == DeviceHealth.Up), "every device up");
    }

    [Fact]
    public async Task Tasks_wait_for_an_edge_while_none_is_live_and_finish_once_one_returns()
    {
        await HangEdgesAsync();
        var waiting = new List<string>();
        var run = new JobRunner(fixture.Cluster.Client).RunAsync(JobRunner.NewJobId(), SyntheticCifar.Generate(500),
            new JobSpec(SchedulingScheme.EndEdge) { Timeout = TimeSpan.FromMilliseconds(100) }, p => waiting.Add(p.WaitingFor ?? string.Empty), TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => waiting.Any(w => w.Contains("Edge", StringComparison.Ordinal)), "the job to say it waits for an Edge device");
        await Poll.UntilAsync(fixture.Cluster.Client.GetJobBoard().GetJobsAsync,
            jobs => run.IsCompleted || jobs.Any(j => j.State == JobState.Running && j.WaitingFor is { } w && w.Contains("Edge", StringComparison.Ordinal)),
            "the job board to show the job waiting for an Edge device");
        Assert.False(run.IsCompleted, "the job ended while no edge was live");

        await fixture.Cluster.Client.GetDevice(Tier.Edge, "edge-02-emu").RecoverAsync();
        var report = await run;

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(500, report.ImagesRecorded);
        Assert.Equal(0, report.LostTasks);
    }

    [Fact]
    public async Task Past_its_deadline_a_waiting_job_fails_and_names_the_missing_images()
    {
        await HangEdgesAsync();
        var started = DateTime.UtcNow;

        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(
            SyntheticCifar.Generate(300), new JobSpec(SchedulingScheme.EndEdge) { Timeout = TimeSpan.FromMilliseconds(100), Deadline = TimeSpan.FromMilliseconds(3000) }, null, TestContext.Current.CancellationToken);

        Assert.Equal(JobState.Failed, report.State);
        Assert.Equal(300, report.MissingImageCount);
        Assert.Equal(Enumerable.Range(0, 100), report.MissingImageIds);
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 2.5, 20);
    }

    // Both edges stop answering; the monitor's probes take them off the list.
    private async Task HangEdgesAsync()
    {
        foreach (var id in Edges)
        {
            var edge = fixture.Cluster.Client.GetDevice(Tier.Edge, id);
            await edge.PingAsync();
            await TierCluster.WaitForMonitorAsync(fixture.Cluster, d => d.Single(x => x.Profile.Id == id).LastAnswerUtc != default, $"{id} to answer a probe");
            await edge.InjectFailureAsync(0);
        }

        await TierCluster.WaitForMonitorAsync(fixture.Cluster, d => d.Where(x => x.Profile.Tier == Tier.Edge).All(x => x.Health == DeviceHealth.Down), "both edges down");
    }
}
