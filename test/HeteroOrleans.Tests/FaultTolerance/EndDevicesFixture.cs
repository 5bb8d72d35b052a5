using Orleans.TestingHost;

namespace HeteroOrleans.Tests.FaultTolerance;

/// <summary>Four emulated end devices on one silo; tests make some of them stop answering mid-job.</summary>
public sealed class EndDevicesFixture : IAsyncLifetime
{
    public static readonly string[] Devices = ["end-01-emu", "end-02-emu", "end-03-emu", "end-04-emu"];

    public TestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Cluster = await TierCluster.DeployAsync(new Dictionary<string, (Tier, string[])> { ["Primary"] = (Tier.End, Devices) });

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
