using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// One in-process cluster shared by the whole test assembly: a cloud silo (the primary), an edge silo and an
/// end silo, each declaring its devices. Tests that kill silos start clusters of their own.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Test silo names and what each hosts.</summary>
    public static IReadOnlyDictionary<string, (Tier Tier, string[] Devices)> Layout { get; } = new Dictionary<string, (Tier, string[])>
    {
        ["Primary"] = (Tier.Cloud, ["cloud-01"]),
        ["Secondary_1"] = (Tier.Edge, ["edge-01", "edge-02"]),
        ["Secondary_2"] = (Tier.End, ["end-01", "end-02", "end-03", "end-04", "end-05-emu"]),
    };

    /// <summary>The running cluster.</summary>
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>Number of devices the layout declares.</summary>
    public static int DeviceCount => Layout.Values.Sum(s => s.Devices.Length);

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => Cluster = await TierCluster.DeployAsync(Layout);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>The test silo handle named <paramref name="name"/>.</summary>
    public SiloHandle Silo(string name) => Cluster.Silos.Single(s => s.Name == name);
}
