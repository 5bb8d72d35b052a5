namespace HeteroOrleans.Tests.Scale;

public sealed class ManyDevicesTests
{
    private static string[] Ids(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"{prefix}-{i:D4}{TierCluster.EmulatedSuffix}")];

    [Fact]
    public async Task An_adaptive_job_over_a_thousand_emulated_devices_records_every_image_once_and_reports_them_briefly()
    {
        var layout = new Dictionary<string, (Tier, string[])>
        {
            ["Primary"] = (Tier.End, Ids("end", 1000)),
            ["Secondary_1"] = (Tier.Edge, Ids("edge", 100)),
            ["Secondary_2"] = (Tier.Cloud, Ids("cloud", 2)),
        };
        await using var cluster = await TierCluster.DeployAsync(layout);
        var data = SyntheticCifar.Generate(500, seed: 8).Repeat(12_000);

        var report = await new JobRunner(cluster.Client).RunAsync(
            data, new JobSpec(SchedulingScheme.Adaptive, BatchSize: 10, MaxTasksInFlight: 1500), null, TestContext.Current.CancellationToken);

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(12_000, report.ImagesRecorded);
        Assert.Equal(0, report.DuplicateResults);
        Assert.Equal(12_000, report.Devices.Where(d => d.Tier == Tier.End).Sum(d => d.Images));
        Assert.Equal(12_000, report.Devices.Where(d => d.Tier != Tier.End).Sum(d => d.Images));

        // 1,200 tasks over 1,000 end devices: the planner spreads them rather than queueing on a few.
        Assert.True(report.Devices.Count(d => d.Tier == Tier.End && d.Tasks > 0) >= 600);
        Assert.True(report.Devices.Where(d => d.Tier == Tier.End).Max(d => d.Tasks) <= 6);

        // The plan counts devices by window rather than naming 1,102 of them.
        Assert.Contains("on 1,000 End device(s)", report.Plan);
        Assert.True(report.Plan.Length < 500, report.Plan);
        Assert.True(report.SchedulingMs > 0);
    }
}
