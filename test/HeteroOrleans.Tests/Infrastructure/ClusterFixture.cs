using System.Text.Json;
using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Contracts.Monitoring;
using HeteroOrleans.Grains.Hosting;
using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// One in-process cluster shared by the whole test assembly: a cloud silo (the primary, which holds the test
/// membership table and so must not be killed), an edge silo and an end silo, each declaring its devices.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Test silo names and what each hosts.</summary>
    public static IReadOnlyDictionary<string, (Tier Tier, string[] Devices)> Layout { get; } = new Dictionary<string, (Tier, string[])>
    {
        ["Primary"] = (Tier.Cloud, ["cloud-01"]),
        ["Secondary_1"] = (Tier.Edge, ["edge-01", "edge-02"]),
        ["Secondary_2"] = (Tier.End, ["end-01", "end-02", "end-03", "end-04"]),
    };

    private static readonly Dictionary<Tier, (string Model, double LatencyMs)> TierModels = new()
    {
        [Tier.End] = ("end-cnn", 0),
        [Tier.Edge] = ("edge-cnn", 20),
        [Tier.Cloud] = ("cloud-cnn", 40),
    };

    /// <summary>The running cluster.</summary>
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>Number of devices the layout declares.</summary>
    public static int DeviceCount => Layout.Values.Sum(s => s.Devices.Length);

    /// <summary>The profile the fixture gives device <paramref name="id"/> of <paramref name="tier"/>.</summary>
    public static DeviceProfile Profile(Tier tier, string id) =>
        new(id, tier, TierModels[tier].Model, tier != Tier.Cloud, new LinkProfile(TierModels[tier].LatencyMs, 0), ComputeMode.Onnx, 1);

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var models = TestPaths.NewModelsDirectory();
        var builder = new TestClusterBuilder((short)Layout.Count);
        foreach (var (silo, (tier, devices)) in Layout)
        {
            var setup = new HeteroSiloSetup([tier], devices.Select(d => Profile(tier, d)).ToArray(), models);
            builder.Properties[TierSiloConfigurator.SetupKeyPrefix + silo] = JsonSerializer.Serialize(setup, TierSiloConfigurator.Json);
        }

        builder.AddSiloBuilderConfigurator<TierSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await WaitForDevicesAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>The test silo handle named <paramref name="name"/>.</summary>
    public SiloHandle Silo(string name) => Cluster.Silos.Single(s => s.Name == name);

    // Silo metadata reaches the other silos shortly after they join; tests start once every device is listed.
    private async Task WaitForDevicesAsync()
    {
        var monitor = Cluster.Client.GetGrain<IDeviceMonitorGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await monitor.GetDevicesAsync()).Count < DeviceCount)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Test cluster devices did not all appear in the device monitor within 30 s.");
            }

            await Task.Delay(100);
        }
    }
}
