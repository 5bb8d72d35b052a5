namespace HeteroOrleans.Tests.Scheduling;

public sealed class AdaptiveJobTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_adaptive_job_records_every_image_once_with_fine_stages_on_edges_and_cloud()
    {
        var data = SyntheticCifar.Generate(1500, seed: 3);

        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(data, new JobSpec(SchedulingScheme.Adaptive), null, TestContext.Current.CancellationToken);

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(1500, report.ImagesRecorded);
        Assert.Equal(0, report.DuplicateResults);
        Assert.Equal(0, report.MissingImageCount);
        Assert.NotNull(report.FineAccuracy);
        Assert.StartsWith("Adaptive", report.Plan);
        Assert.Equal(1500, report.Devices.Where(d => d.Tier == Tier.End).Sum(d => d.Images));
        Assert.Equal(1500, report.Devices.Where(d => d.Tier != Tier.End).Sum(d => d.Images));
        Assert.All(new[] { "edge-01", "edge-02" }, id => Assert.Contains(report.Devices, d => d.DeviceId == id && d.Tasks > 0));
        var results = await fixture.Cluster.Client.GetGrain<IJobGrain>(report.JobId).GetResultsAsync(0, 1500);
        Assert.Equal(Enumerable.Range(0, 1500), results.Select(r => r.ImageId));
        Assert.All(results, r => Assert.True(r.FineLabel >= 0));
    }
}
