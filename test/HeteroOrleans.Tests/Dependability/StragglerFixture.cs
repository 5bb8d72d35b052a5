using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Dependability;

/// <summary>Two emulated end devices and two emulated edges; tests slow or hang one of them mid-job.</summary>
public sealed class StragglerFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

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
