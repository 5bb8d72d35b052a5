using System.Net;
using System.Net.Sockets;
using HeteroOrleans.Client.Hosting;
using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Grains.Monitoring;
using HeteroOrleans.Silo.Configuration;

namespace HeteroOrleans.Client.Benchmarks;

/// <summary>
/// The cluster of a chaos run: two silos per tier in this process, sharing a membership table and a jobs folder held
/// outside all of them, so that any one silo may die; every device emulated by the preset.
/// </summary>
public static class ChaosLayout
{
    /// <summary>The silos' settings for one run.</summary>
    public static IReadOnlyList<SiloSettings> Create(ChaosBenchmarkOptions options, string jobsDirectory)
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
                var settings = new SiloSettings(
                    $"{tier.ToString().ToLowerInvariant()}-{s}", [tier], devices, cluster, cluster, siloPort, ports[next++], IPAddress.Loopback,
                    new ClusteringSettings(ClusteringProvider.InProcess, new IPEndPoint(IPAddress.Loopback, siloPort), null, "Npgsql"),
                    "127.0.0.1", 0, options.ModelsDirectory,
                    new DeviceMonitorOptions(),
                    new MembershipTuning(TimeSpan.FromSeconds(1), 2, 1),
                    JobsDirectory: jobsDirectory);
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
