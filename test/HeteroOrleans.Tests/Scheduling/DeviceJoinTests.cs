namespace HeteroOrleans.Tests.Scheduling;

public sealed class DeviceJoinTests
{
    [Fact]
    public async Task Edges_that_join_mid_job_take_work_under_Adaptive_and_only_where_the_job_lets_them()
    {
        // Two edges come up on a silo started while the jobs run; the edge present from the start is slowed down, so
        // that the jobs last until they join and the newcomers are worth using.
        var layout = new Dictionary<string, (Tier, string[])>
        {
            ["Primary"] = (Tier.End, ["end-01-emu", "end-02-emu"]),
            ["Secondary_1"] = (Tier.Edge, ["edge-01-emu"]),
            ["Secondary_2"] = (Tier.Edge, ["edge-02-emu", "edge-03-emu"]),
        };
        await using var cluster = await TierCluster.DeployAsync(layout, heldBack: 1);
        await cluster.Client.GetDevice(Tier.Edge, "edge-01-emu").SlowDownAsync(5);
        var cancellation = TestContext.Current.CancellationToken;
        var settled = 0;
        var runner = new JobRunner(cluster.Client);
        var adaptive = runner.RunAsync(SyntheticCifar.Generate(3000), new JobSpec(SchedulingScheme.Adaptive), n => settled = n, cancellation);
        var limited = runner.RunAsync(
            SyntheticCifar.Generate(600, 2), new JobSpec(SchedulingScheme.Adaptive, Devices: new DeviceLimits(Edge: 1)), null, cancellation);
        var paper = runner.RunAsync(SyntheticCifar.Generate(600, 3), new JobSpec(SchedulingScheme.EndEdge), null, cancellation);
        await Poll.UntilAsync(() => settled >= 6 || adaptive.IsCompleted, "six tasks of the Adaptive job to settle");

        await cluster.StartAdditionalSiloAsync();
        var (joined, other, fixedPlan) = (await adaptive, await limited, await paper);

        Assert.Equal((JobState.Completed, 3000, 0, 0), (joined.State, joined.ImagesRecorded, joined.DuplicateResults, joined.MissingImageCount));
        Assert.Equal(["edge-02-emu", "edge-03-emu"], (joined.Joins ?? []).Select(j => j.DeviceId).Order());
        Assert.All(joined.Joins!, j => Assert.True(j.FirstWorkUtc >= j.AtUtc, $"{j.DeviceId} joined at {j.AtUtc:O} and got work at {j.FirstWorkUtc:O}"));
        Assert.All(joined.Devices.Where(d => d.DeviceId is "edge-02-emu" or "edge-03-emu"), d => Assert.True(d.Images > 0, $"{d.DeviceId} took no image"));
        foreach (var report in new[] { other, fixedPlan })
        {
            Assert.Equal((JobState.Completed, 0), (report.State, report.MissingImageCount));
            Assert.Empty(report.Joins ?? []);
            Assert.DoesNotContain(report.Devices, d => d.DeviceId is "edge-02-emu" or "edge-03-emu");
        }
    }
}
