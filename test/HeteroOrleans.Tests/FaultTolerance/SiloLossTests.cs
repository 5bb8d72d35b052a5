namespace HeteroOrleans.Tests.FaultTolerance;

public sealed class SiloLossTests
{
    [Fact]
    public async Task Killing_a_silo_that_hosts_devices_mid_job_loses_no_image_under_monitor()
    {
        // The job and the monitor live on the end-tier primary; the edges are split over two silos, one of which dies.
        var layout = new Dictionary<string, (Tier, string[])>
        {
            ["Primary"] = (Tier.End, ["end-01-emu", "end-02-emu", "end-03-emu"]),
            ["Secondary_1"] = (Tier.Edge, ["edge-01-emu"]),
            ["Secondary_2"] = (Tier.Edge, ["edge-02-emu", "edge-03-emu"]),
        };
        await using var cluster = await TierCluster.DeployAsync(layout);
        var data = SyntheticCifar.Generate(3000);
        var settled = 0;
        var run = new JobRunner(cluster.Client).RunAsync(
            data, new JobSpec(SchedulingScheme.EndEdge, Faults: FaultMethod.Monitor), n => settled = n, TestContext.Current.CancellationToken);

        await Poll.UntilAsync(() => settled >= 15 || run.IsCompleted, "15 tasks to settle");

        var killedAt = DateTime.UtcNow;
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.Name == "Secondary_2"), TestContext.Current.CancellationToken);
        await TierCluster.WaitForMonitorAsync(cluster,
            devices => devices.Where(d => d.Profile.Id is "edge-02-emu" or "edge-03-emu").All(d => d.Health == DeviceHealth.Down),
            "the dead silo's edges down");
        var detection = DateTime.UtcNow - killedAt;
        var report = await run;

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(3000, report.ImagesRecorded);
        Assert.Equal(0, report.DuplicateResults);
        Assert.Equal(0, report.MissingImageCount);
        Assert.Equal(0, report.LostTasks);
        Assert.True(report.Devices.Single(d => d.DeviceId == "edge-01-emu").Tasks > 20, "the surviving edge took over");
        Assert.True(detection < TimeSpan.FromSeconds(10), $"the monitor took {detection.TotalSeconds:F1} s to drop the devices");
    }
}
