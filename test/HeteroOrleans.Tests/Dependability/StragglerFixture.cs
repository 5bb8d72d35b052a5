using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Dependability;

/// <summary>Two emulated end devices and two emulated edges; tests slow or hang one of them mid-job.</summary>
public sealed class StragglerFixture : IAsyncLifetime
{
    private static readonly string[] Devices = ["end-01-emu", "end-02-emu", "edge-01-emu", "edge-02-emu"];

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>Undoes what a test did to the devices (slowed, hung) and waits until the monitor sees each of them up.</summary>
    public async Task RecoverAllAsync()
    {
        foreach (var id in Devices)
        {
            await Cluster.Client.GetDevice(id.StartsWith("end", StringComparison.Ordinal) ? Tier.End : Tier.Edge, id).RecoverAsync();
        }

        await TierCluster.WaitForMonitorAsync(Cluster, d => d.All(x => x.Health == DeviceHealth.Up), "every device up");
    }

    public async ValueTask InitializeAsync() => Cluster = await TierCluster.DeployAsync(new Dictionary<string, (Tier, string[])>
    {
        ["Primary"] = (Tier.End, ["end-01-emu", "end-02-emu"]),
        ["Secondary_1"] = (Tier.Edge, ["edge-01-emu", "edge-02-emu"]),
    });

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
