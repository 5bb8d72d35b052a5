namespace HeteroOrleans.Tests.Placement;

public sealed class DeviceLossTests
{
    [Fact]
    public async Task A_device_whose_silo_dies_is_gone_and_never_reactivates_on_another_silo_of_its_tier()
    {
        var layout = new Dictionary<string, (Tier, string[])>
        {
            ["Primary"] = (Tier.End, ["end-01"]),
            ["Secondary_1"] = (Tier.Edge, ["edge-01"]),
            ["Secondary_2"] = (Tier.Edge, ["edge-02"]),
        };
        await using var cluster = await TierCluster.DeployAsync(layout);
        var doomed = cluster.Silos.Single(s => s.Name == "Secondary_1");
        var survivor = cluster.Silos.Single(s => s.Name == "Secondary_2");
        Assert.Equal(doomed.SiloAddress.ToString(), (await cluster.Client.GetGrain<IEdgeGrain>("edge-01").GetStatusAsync()).SiloAddress);
        // A device's first probe answer is news too (a job clears a suspicion on it): read the list once every device has answered.
        await Poll.UntilAsync(cluster.Client.GetDeviceMonitor().GetDevicesAsync, d => d.All(r => r.LastAnswerUtc != default),
            "every device to answer its first probe", seen: d => string.Join(", ", d.Where(r => r.LastAnswerUtc == default).Select(r => r.Profile.Id)));
        var before = await cluster.Client.GetDeviceMonitor().GetChangesAsync(-1);
        Assert.True(before.Complete);

        await cluster.KillSiloAsync(doomed, TestContext.Current.CancellationToken);
        await TierCluster.WaitForDeviceCountAsync(cluster, 2);

        // A job that asks what changed since it last looked gets the lost device alone, not the whole list again.
        var changes = await cluster.Client.GetDeviceMonitor().GetChangesAsync(before.Version);
        Assert.False(changes.Complete);
        Assert.Equal(DeviceHealth.Down, Assert.Single(changes.Devices, d => d.Profile.Id == "edge-01").Health);
        Assert.DoesNotContain(changes.Devices, d => d.Profile.Id == "end-01");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.GetGrain<IEdgeGrain>("edge-01").GetStatusAsync());
        Assert.Contains("edge-01", error.Message);
        Assert.Equal(survivor.SiloAddress.ToString(), (await cluster.Client.GetGrain<IEdgeGrain>("edge-02").GetStatusAsync()).SiloAddress);
        var monitor = cluster.Client.GetDeviceMonitor();
        Assert.Equal(["end-01", "edge-02"], (await monitor.GetAvailableAsync()).Select(d => d.Profile.Id));
        var gone = (await monitor.GetDevicesAsync()).Single(d => d.Profile.Id == "edge-01");
        Assert.Equal(DeviceHealth.Down, gone.Health);
        Assert.Contains("silo", gone.Reason);
    }
}
