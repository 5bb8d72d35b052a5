using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// The cluster of a chaos run: two silos per tier in this process, sharing a membership table and a jobs folder held
/// outside all of them, so that any one silo may die; every device emulated by the preset. A run with a store fault
/// keeps membership and jobs in its own Redis instead.
/// </summary>
public static class ChaosLayout
{
    /// <summary>The silos' settings for one run.</summary>
    public static IReadOnlyList<SiloSettings> Create(ChaosBenchmarkOptions options, string jobsDirectory, string? redis = null)
    {
        var cluster = $"chaos-{Guid.NewGuid():N}";
        var preset = options.Preset ?? DevicePreset.Paper;
        var silos = new List<SiloSettings>();
        var ports = FreePorts(2 * ChaosBenchmarkOptions.SilosPerTier * Enum.GetValues<Tier>().Length);
        var next = 0;
        foreach (var tier in Enum.GetValues<Tier>())
        {
            for (var s = 1; s <= ChaosBenchmarkOptions.SilosPerTier; s++)
            {
                var perSilo = ChaosBenchmarkOptions.DevicesPerSilo[tier];
                var devices = Enumerable.Range(1, perSilo).Select(d => Device(tier, (s - 1) * perSilo + d, options.Models[tier])).ToList();
                var siloPort = ports[next++];
                var settings = SiloConfigLoader.LoadValues(new Dictionary<string, string?>
                {
                    ["Silo:Name"] = $"{tier.ToString().ToLowerInvariant()}-{s}",
                    ["Silo:Tiers:0"] = tier.ToString(),
                    ["Silo:ClusterId"] = cluster,
                    ["Silo:ServiceId"] = cluster,
                    ["Silo:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
                    ["Silo:GatewayPort"] = ports[next++].ToString(CultureInfo.InvariantCulture),
                    ["Silo:Clustering:Provider"] = redis is null ? nameof(ClusteringProvider.InProcess) : nameof(ClusteringProvider.Redis),
                    ["Silo:Clustering:ConnectionString"] = redis,
                    ["Silo:Dashboard:Port"] = "0",
                    ["Silo:ModelsDirectory"] = options.ModelsDirectory,
                    ["Silo:Jobs:Directory"] = jobsDirectory,
                    // Dying silos are the point: declare them dead within a second or so, as the shipped cluster configs do.
                    ["Silo:Membership:ProbeTimeout"] = "00:00:01",
                    ["Silo:Membership:NumMissedProbesLimit"] = "2",
                    ["Silo:Membership:NumVotesForDeathDeclaration"] = "1",
                }, "the chaos layout") with
                {
                    Devices = devices,
                };
                silos.Add(preset.ApplyTo(settings, options.TimeScale));
            }
        }

        return silos;
    }

    private static DeviceProfile Device(Tier tier, int number, string model) =>
        new($"{tier.ToString().ToLowerInvariant()}-{number:00}", tier, model, tier != Tier.Cloud, new LinkProfile(0, 0), ComputeMode.Emulated, 1);

    // Ports free now, all different: every listener stays open until all are chosen.
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
