using System.Globalization;
using System.Net;
using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Grains.Hosting;
using HeteroOrleans.Grains.Monitoring;
using HeteroOrleans.Inference.Models;
using Microsoft.Extensions.Configuration;

namespace HeteroOrleans.Silo.Configuration;

/// <summary>
/// Reads and checks the <c>Silo</c> section of a configuration. Every problem is reported with its key
/// (<c>Silo:Devices:2:Tier</c>), all at once, so a user fixes a file in one pass.
/// </summary>
public sealed class SiloConfigLoader
{
    /// <summary>The configuration section that holds a silo's settings.</summary>
    public const string SectionName = "Silo";

    private readonly List<string> _errors = [];
    private readonly IConfigurationSection _section;

    private SiloConfigLoader(IConfiguration configuration) => _section = configuration.GetSection(SectionName);

    /// <summary>Builds the configuration of a silo: the JSON file, then <c>HETERO_</c> environment variables, then the command line.</summary>
    /// <exception cref="SiloConfigException">The file is missing or not valid JSON.</exception>
    public static IConfigurationRoot Compose(string path, string[] commandLine)
    {
        if (!File.Exists(path))
        {
            throw new SiloConfigException(path, ["file not found"]);
        }

        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false)
                .AddEnvironmentVariables("HETERO_")
                .AddCommandLine(commandLine)
                .Build();
        }
        catch (InvalidDataException e)
        {
            throw new SiloConfigException(path, [e.InnerException?.Message ?? e.Message]);
        }
    }

    /// <summary>Reads the silo config file at <paramref name="path"/> with overrides from the environment and command line.</summary>
    /// <exception cref="SiloConfigException">The config is invalid.</exception>
    public static SiloSettings LoadFile(string path, string[]? commandLine = null) =>
        Load(Compose(path, commandLine ?? []), path);

    /// <summary>Reads and checks the <c>Silo</c> section.</summary>
    /// <param name="configuration">The composed configuration.</param>
    /// <param name="source">What to name in error messages (the file).</param>
    /// <exception cref="SiloConfigException">The config is invalid.</exception>
    public static SiloSettings Load(IConfiguration configuration, string source)
    {
        var loader = new SiloConfigLoader(configuration);
        var settings = loader.Read();
        return loader._errors.Count == 0 && settings is not null
            ? settings
            : throw new SiloConfigException(source, loader._errors);
    }

    private SiloSettings? Read()
    {
        if (!_section.Exists())
        {
            _errors.Add($"{SectionName}: section is missing");
            return null;
        }

        var tiers = _section.GetSection("Tiers").GetChildren().Select(t => ParseTier(t.Path, t.Value)).OfType<Tier>().Distinct().ToList();
        if (tiers.Count == 0)
        {
            _errors.Add($"{SectionName}:Tiers: give at least one of End, Edge, Cloud");
        }

        var modelsDirectory = String("ModelsDirectory", null) ?? ModelStore.DefaultDirectory();
        ModelManifest? manifest = null;
        try
        {
            manifest = ModelManifest.Load(modelsDirectory);
        }
        catch (ModelManifestException e)
        {
            _errors.Add($"{SectionName}:ModelsDirectory: {e.Message}");
        }

        var devices = ReadDevices(tiers, manifest);
        var primary = String("Clustering:PrimarySiloEndpoint", "127.0.0.1:11111")!;
        if (!IPEndPoint.TryParse(primary, out var primaryEndpoint))
        {
            _errors.Add($"{SectionName}:Clustering:PrimarySiloEndpoint: '{primary}' is not an IP:port endpoint");
        }

        var provider = Enum<ClusteringProvider>("Clustering:Provider", ClusteringProvider.Localhost);
        var connectionString = String("Clustering:ConnectionString", null);
        if (provider != ClusteringProvider.Localhost && string.IsNullOrWhiteSpace(connectionString))
        {
            _errors.Add($"{SectionName}:Clustering:ConnectionString: required for the {provider} provider");
        }

        var advertised = String("AdvertisedIp", "127.0.0.1")!;
        if (!IPAddress.TryParse(advertised, out var advertisedIp))
        {
            _errors.Add($"{SectionName}:AdvertisedIp: '{advertised}' is not an IP address");
        }

        return new SiloSettings(
            String("Name", null) ?? string.Join("-", tiers).ToLowerInvariant(),
            tiers,
            devices,
            String("ClusterId", "hetero")!,
            String("ServiceId", "hetero")!,
            Port("SiloPort", 11111),
            Port("GatewayPort", 30000),
            advertisedIp ?? IPAddress.Loopback,
            new ClusteringSettings(provider, primaryEndpoint ?? new IPEndPoint(IPAddress.Loopback, 11111), connectionString,
                String("Clustering:AdoNetInvariant", "Npgsql")!),
            String("Dashboard:Host", "127.0.0.1")!,
            Port("Dashboard:Port", 8080, allowZero: true),
            Path.GetFullPath(modelsDirectory),
            ReadMonitor(),
            ReadMembership(),
            ReadTls(),
            String("Jobs:Directory", null) is { } jobs ? Path.GetFullPath(jobs) : null);
    }

    private TlsSettings? ReadTls()
    {
        var section = _section.GetSection("Tls");
        var path = section["CertificatePath"];
        if (!section.Exists() || string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            return TlsSettings.Load(path, section["Password"], section.GetSection("TrustedThumbprints").GetChildren().Select(c => c.Value ?? string.Empty));
        }
        catch (ArgumentException e)
        {
            _errors.Add($"{section.Path}:CertificatePath: {e.Message}");
            return null;
        }
    }

    private DeviceMonitorOptions? ReadMonitor()
    {
        var section = _section.GetSection("Monitor");
        if (!section.Exists())
        {
            return null;
        }

        var defaults = new DeviceMonitorOptions();
        return new DeviceMonitorOptions
        {
            ProbeInterval = TimeSpan.FromMilliseconds(Number($"{section.Path}:ProbeIntervalMs", section["ProbeIntervalMs"], defaults.ProbeInterval.TotalMilliseconds)),
            ProbeTimeout = TimeSpan.FromMilliseconds(Number($"{section.Path}:ProbeTimeoutMs", section["ProbeTimeoutMs"], defaults.ProbeTimeout.TotalMilliseconds)),
            MissedProbesForDown = Math.Max(1, (int)Number($"{section.Path}:MissedProbesForDown", section["MissedProbesForDown"], defaults.MissedProbesForDown)),
        };
    }

    private MembershipTuning? ReadMembership()
    {
        var section = _section.GetSection("Membership");
        return section.Exists()
            ? new MembershipTuning(
                TimeSpan.FromMilliseconds(Number($"{section.Path}:ProbeTimeoutMs", section["ProbeTimeoutMs"], 5000)),
                Math.Max(1, (int)Number($"{section.Path}:MissedProbesLimit", section["MissedProbesLimit"], 3)),
                Math.Max(1, (int)Number($"{section.Path}:VotesForDeathDeclaration", section["VotesForDeathDeclaration"], 2)))
            : null;
    }

    private List<DeviceProfile> ReadDevices(IReadOnlyList<Tier> siloTiers, ModelManifest? manifest)
    {
        var devices = new List<DeviceProfile>();
        foreach (var device in _section.GetSection("Devices").GetChildren())
        {
            var key = device.Path;
            var id = device["Id"];
            if (string.IsNullOrWhiteSpace(id))
            {
                _errors.Add($"{key}:Id: missing");
                continue;
            }

            if (devices.Any(d => d.Id == id))
            {
                _errors.Add($"{key}:Id: duplicate device id '{id}'");
            }

            var tier = ParseTier($"{key}:Tier", device["Tier"]);
            if (tier is { } t && siloTiers.Count > 0 && !siloTiers.Contains(t))
            {
                _errors.Add($"{key}:Tier: device '{id}' is {t}, but the silo's Tiers are {string.Join(", ", siloTiers)}");
            }

            var model = device["Model"];
            if (string.IsNullOrWhiteSpace(model))
            {
                _errors.Add($"{key}:Model: missing");
            }
            else if (manifest is not null && !manifest.Contains(model))
            {
                _errors.Add($"{key}:Model: no model '{model}' in {Path.Combine(manifest.Directory, ModelManifest.FileName)} " +
                            $"(known: {string.Join(", ", manifest.Entries.Select(e => e.Id))})");
            }

            var link = new LinkProfile(
                Number($"{key}:Link:LatencyMs", device["Link:LatencyMs"], 0),
                Number($"{key}:Link:BandwidthMbps", device["Link:BandwidthMbps"], 0));
            var threads = (int)Number($"{key}:IntraOpThreads", device["IntraOpThreads"], 1);
            if (threads < 1)
            {
                _errors.Add($"{key}:IntraOpThreads: must be at least 1");
            }

            var mode = ParseEnum($"{key}:ComputeMode", device["ComputeMode"], ComputeMode.Onnx);
            var optimization = ParseEnum($"{key}:GraphOptimization", device["GraphOptimization"], GraphOptimization.All);
            var arena = Bool($"{key}:MemoryArena", device["MemoryArena"], true);
            var msPerImage = Number($"{key}:MsPerImage", device["MsPerImage"], 0);
            var failAfter = (int)Number($"{key}:FailAfterTasks", device["FailAfterTasks"], 0);
            if (mode == ComputeMode.Emulated && msPerImage <= 0)
            {
                _errors.Add($"{key}:MsPerImage: an Emulated device needs its inference time per image (> 0)");
            }
            var trusted = Bool($"{key}:Trusted", device["Trusted"], tier != Tier.Cloud);
            if (tier is { } deviceTier)
            {
                devices.Add(new DeviceProfile(id, deviceTier, model ?? string.Empty, trusted, link, mode, Math.Max(1, threads), optimization, arena, msPerImage, failAfter));
            }
        }

        return devices;
    }

    private Tier? ParseTier(string key, string? value)
    {
        if (System.Enum.TryParse<Tier>(value, ignoreCase: true, out var tier) && System.Enum.IsDefined(tier))
        {
            return tier;
        }

        _errors.Add($"{key}: unknown tier '{value}' (expected End, Edge or Cloud)");
        return null;
    }

    private string? String(string key, string? fallback)
    {
        var value = _section[key];
        return string.IsNullOrWhiteSpace(value) ? fallback : value;
    }

    private int Port(string key, int fallback, bool allowZero = false)
    {
        var value = Number($"{SectionName}:{key}", _section[key], fallback);
        if (value is < 0 or > 65535 || (value == 0 && !allowZero) || value != Math.Floor(value))
        {
            _errors.Add($"{SectionName}:{key}: '{_section[key]}' is not a port number");
        }

        return (int)value;
    }

    private double Number(string key, string? value, double fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0)
        {
            return number;
        }

        _errors.Add($"{key}: '{value}' is not a non-negative number");
        return fallback;
    }

    private bool Bool(string key, string? value, bool fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }

        _errors.Add($"{key}: '{value}' is not true or false");
        return fallback;
    }

    private T Enum<T>(string key, T fallback) where T : struct, System.Enum =>
        ParseEnum($"{SectionName}:{key}", _section[key], fallback);

    private T ParseEnum<T>(string key, string? value, T fallback) where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed))
        {
            return parsed;
        }

        _errors.Add($"{key}: unknown value '{value}' (expected {string.Join(", ", System.Enum.GetNames<T>())})");
        return fallback;
    }
}
