using System.Text.Json;
using HeteroOrleans.Grains.Monitoring;
using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>Starts an in-process cluster whose silos each get a tier and devices, and waits until every device is listed.</summary>
public static class TierCluster
{
    private static readonly Dictionary<Tier, (string Model, double LatencyMs, double MsPerImage)> TierModels = new()
    {
        [Tier.End] = ("mobilenet-tiny", 0, 2),
        [Tier.Edge] = ("resnet-tiny", 20, 1),
        [Tier.Cloud] = ("wrn-tiny", 40, 1),
    };

    /// <summary>Devices whose id ends with this are emulated (they take <see cref="DeviceProfile.MsPerImage"/> per image).</summary>
    public const string EmulatedSuffix = "-emu";

    /// <summary>Probes every 200 ms with a 200 ms timeout, so tests see a hung device leave the list within a second.</summary>
    public static void FastProbes(DeviceMonitorOptions options)
    {
        options.ProbeInterval = TimeSpan.FromMilliseconds(200);
        options.ProbeTimeout = TimeSpan.FromMilliseconds(200);
    }

    /// <summary>Waits until <paramref name="condition"/> holds of the monitor's device list (up to 30 s).</summary>
    public static Task WaitForMonitorAsync(TestCluster cluster, Func<IReadOnlyList<DeviceRegistration>, bool> condition, string what) =>
        Poll.UntilAsync(cluster.Client.GetDeviceMonitor().GetDevicesAsync, condition, $"the device monitor to show {what}");

    /// <summary>The profile test clusters give device <paramref name="id"/> of <paramref name="tier"/>.</summary>
    public static DeviceProfile Profile(Tier tier, string id)
    {
        var (model, latency, msPerImage) = TierModels[tier];
        var mode = id.EndsWith(EmulatedSuffix, StringComparison.Ordinal) ? ComputeMode.Emulated : ComputeMode.Onnx;
        return new DeviceProfile(id, tier, model, tier != Tier.Cloud, new LinkProfile(latency, 0), mode, 1, MsPerImage: msPerImage);
    }

    /// <summary>
    /// Deploys one silo per <paramref name="layout"/> entry, keyed by TestingHost silo name (<c>Primary</c>,
    /// <c>Secondary_1</c> …). The primary holds the test membership table: kill secondaries only. The last
    /// <paramref name="heldBack"/> entries are not started: <c>StartAdditionalSiloAsync</c> starts them, in order.
    /// </summary>
    public static async Task<TestCluster> DeployAsync(
        IReadOnlyDictionary<string, (Tier Tier, string[] Devices)> layout, Action<TestClusterBuilder>? customize = null, int heldBack = 0)
    {
        var models = TestPaths.NewModelsDirectory();
        var builder = new TestClusterBuilder((short)(layout.Count - heldBack));
        foreach (var (silo, (tier, devices)) in layout)
        {
            var setup = new HeteroSiloSetup([tier], devices.Select(d => Profile(tier, d)).ToArray(), models);
            builder.Properties[TierSiloConfigurator.SetupKeyPrefix + silo] = JsonSerializer.Serialize(setup, TierSiloConfigurator.Json);
        }

        builder.Properties[TierSiloConfigurator.JobsDirectoryKey] = Path.Combine(Path.GetTempPath(), "hetero-test-jobs", Guid.NewGuid().ToString("N"));
        builder.AddSiloBuilderConfigurator<TierSiloConfigurator>();
        builder.AddClientBuilderConfigurator<HeteroClientConfigurator>();
        customize?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await WaitForDeviceCountAsync(cluster, layout.Values.SkipLast(heldBack).Sum(s => s.Devices.Length));
        return cluster;
    }

    /// <summary>Waits until the device monitor lists exactly <paramref name="count"/> devices.</summary>
    /// <remarks>Silo metadata and membership changes reach the other silos shortly after they happen.</remarks>
    public static Task WaitForDeviceCountAsync(TestCluster cluster, int count) =>
        Poll.UntilAsync(cluster.Client.GetDeviceMonitor().GetAvailableAsync, d => d.Count == count, $"the device monitor to list {count} devices",
            seen: d => $"{d.Count} devices", everyMs: 100);
}
