using HeteroOrleans.Grains.Links;
using HeteroOrleans.Inference.Models;
using Orleans.Configuration;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// The <c>Silo</c> section of a silo config file, bound as it is written. Every default lives here;
/// <see cref="HeteroSiloOptionsValidator"/> checks the whole section at once and <see cref="SiloConfigLoader"/> turns it
/// into the <see cref="SiloSettings"/> a silo is built from.
/// </summary>
public sealed class HeteroSiloOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Silo";

    /// <summary>Silo name, shown on the dashboard. Default: the tiers joined by dashes, e.g. <c>end-edge</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Tiers the silo is tagged with; grains of other tiers never activate on it. At least one.</summary>
    public List<Tier> Tiers { get; set; } = [];

    /// <summary>
    /// Devices the silo hosts, by their key in the config (a JSON list's index), so that every problem is reported
    /// under the key it was written at; each must belong to one of <see cref="Tiers"/>.
    /// </summary>
    public Dictionary<string, DeviceOptions> Devices { get; set; } = [];

    /// <summary>The devices in the order they were written.</summary>
    public IEnumerable<KeyValuePair<string, DeviceOptions>> DevicesInOrder =>
        Devices.OrderBy(d => int.TryParse(d.Key, out var index) ? index : int.MaxValue).ThenBy(d => d.Key, StringComparer.Ordinal);

    /// <summary>Orleans cluster id. Default <c>hetero</c>.</summary>
    public string ClusterId { get; set; } = "hetero";

    /// <summary>Orleans service id. Default <c>hetero</c>.</summary>
    public string ServiceId { get; set; } = "hetero";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos reach this one at. Default 127.0.0.1.</summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>
    /// Lets a silo listen beyond loopback without TLS: anyone who reaches its ports may then run jobs and read results,
    /// so it is for a network only its owner reaches, and the silo says so as it starts. Default false.
    /// </summary>
    public bool AllowInsecure { get; set; }

    /// <summary>How the silo finds the others.</summary>
    public ClusteringOptions Clustering { get; set; } = new();

    /// <summary>Where the dashboard and the device page listen.</summary>
    public DashboardOptions Dashboard { get; set; } = new();

    /// <summary>Folder of <c>models.json</c>. Default: the <c>models</c> folder the model store finds.</summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>The full path of <see cref="ModelsDirectory"/>, or of its default.</summary>
    public string ModelsPath => Path.GetFullPath(string.IsNullOrWhiteSpace(ModelsDirectory) ? ModelStore.DefaultDirectory() : ModelsDirectory);

    /// <summary>How the device monitor probes, should it run on this silo.</summary>
    public DeviceMonitorOptions Monitor { get; set; } = new();

    /// <summary>How the silo emulates the links from its jobs to their devices (real links: <c>EmulateBandwidth</c> false).</summary>
    public LinkEmulationOptions Links { get; set; } = new();

    /// <summary>How the inference service serves requests, should it run on this silo.</summary>
    public ServingOptions Serving { get; set; } = new();

    /// <summary>
    /// Orleans failure detection, bound straight onto Orleans' own options (keys such as <c>ProbeTimeout</c>,
    /// <c>NumMissedProbesLimit</c>, <c>NumVotesForDeathDeclaration</c>); set the same on every silo. Orleans'
    /// production defaults declare a killed silo dead in about 12 s and a hung one in about 66 s on a busy machine;
    /// 1 s, 2 and 1 bring that to under 1 s and about 8 s.
    /// </summary>
    public ClusterMembershipOptions Membership { get; set; } = new();

    /// <summary>Mutual TLS on Orleans connections; off unless a certificate is named.</summary>
    public TlsOptions Tls { get; set; } = new();

    /// <summary>
    /// How long a stopping silo (SIGTERM, <c>hetero silo drain</c>) may take to leave gracefully: readiness false, its
    /// devices' queued work finished, its jobs moved. Past it the cluster's fail-over takes what is left; Orleans' own
    /// shutdown then takes up to <see cref="ShutdownAfterDrain"/> more. 0 stops without draining. Default 20 s.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>What Orleans' own shutdown (leaving membership, deactivating grains) may take after the drain.</summary>
    public static TimeSpan ShutdownAfterDrain { get; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a stopping silo's gateway, having told its clients to send elsewhere, still passes the answers of the
    /// requests they sent through it: Orleans' own default lets answers on their way be lost, and their callers wait
    /// for their response time-out. Part of <see cref="ShutdownAfterDrain"/>.
    /// </summary>
    public static TimeSpan ClientsNotice { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Where jobs keep their state without a shared store.</summary>
    public JobsOptions Jobs { get; set; } = new();

    /// <summary>Which requests are traced, and where their spans go.</summary>
    public TracingOptions Tracing { get; set; } = new();
}
