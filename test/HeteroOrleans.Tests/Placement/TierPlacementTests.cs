namespace HeteroOrleans.Tests.Placement;

public sealed class TierPlacementTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_device_runs_on_the_silo_of_its_tier_that_declares_it()
    {
        foreach (var (siloName, (tier, devices)) in ClusterFixture.Layout)
        {
            var expected = fixture.Silo(siloName).SiloAddress.ToString();
            foreach (var id in devices)
            {
                var status = await fixture.Cluster.Client.GetDevice(tier, id).GetStatusAsync();

                Assert.Equal(expected, status.SiloAddress);
                Assert.Equal(tier, status.Profile.Tier);
                Assert.Equal([tier.ToString()], status.SiloTiers);
            }
        }
    }

    [Theory]
    [InlineData(Tier.Edge, "edge-99")]
    [InlineData(Tier.End, "end-77")]
    [InlineData(Tier.Cloud, "cloud-02")]
    public async Task An_undeclared_device_fails_with_an_error_naming_tier_and_device(Tier tier, string id)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Cluster.Client.GetDevice(tier, id).GetStatusAsync());

        Assert.Contains(id, error.Message);
        Assert.Contains(tier.ToString(), error.Message);
    }

    [Fact]
    public async Task A_device_id_asked_for_through_another_tier_never_activates()
    {
        // end-01 exists, but only on the End silo: as an edge device nobody declares it.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Cluster.Client.GetGrain<IEdgeGrain>("end-01").GetStatusAsync());
        Assert.Contains("end-01", error.Message);
        Assert.Contains("Edge", error.Message);
    }

    [Fact]
    public async Task The_monitor_lists_every_declared_device_with_its_silo()
    {
        var devices = await fixture.Cluster.Client.GetDeviceMonitor().GetDevicesAsync();

        Assert.Equal(ClusterFixture.DeviceCount, devices.Count);
        foreach (var (siloName, (tier, ids)) in ClusterFixture.Layout)
        {
            var silo = fixture.Silo(siloName).SiloAddress.ToString();
            Assert.Equal(ids.Order(), devices.Where(d => d.SiloAddress == silo).Select(d => d.Profile.Id).Order());
            Assert.All(devices.Where(d => d.SiloAddress == silo), d => Assert.Equal(TierCluster.Profile(tier, d.Profile.Id), d.Profile));
        }
    }
}
