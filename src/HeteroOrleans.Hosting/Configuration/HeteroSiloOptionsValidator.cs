using System.Net;
using HeteroOrleans.Grains.Monitoring;
using HeteroOrleans.Inference.Models;
using Microsoft.Extensions.Options;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Checks a bound <c>Silo</c> section as a whole: every problem at once, each starting with its key
/// (<c>Silo:Devices:2:Tier</c>). Values of the wrong kind were reported before binding, by <see cref="ConfigurationShape"/>.
/// </summary>
public sealed class HeteroSiloOptionsValidator : IValidateOptions<HeteroSiloOptions>
{
    private const string Silo = HeteroSiloOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HeteroSiloOptions options)
    {
        var errors = new List<string>();
        if (options.Tiers.Count == 0)
        {
            errors.Add($"{Silo}:Tiers: give at least one of End, Edge, Cloud");
        }

        ModelManifest? manifest = null;
        try
        {
            manifest = ModelManifest.Load(options.ModelsPath);
        }
        catch (ModelManifestException e)
        {
            errors.Add($"{Silo}:ModelsDirectory: {e.Message}");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, device) in options.DevicesInOrder)
        {
            CheckDevice($"{Silo}:Devices:{key}", device, options, manifest, errors);
            CheckIds($"{Silo}:Devices:{key}", device, ids, errors);
        }

        CheckPorts(options, errors);
        if (!IPAddress.TryParse(options.AdvertisedIp, out _))
        {
            errors.Add($"{Silo}:AdvertisedIp: '{options.AdvertisedIp}' is not an IP address");
        }

        if (options.Dashboard.Host != "localhost" && !IPAddress.TryParse(options.Dashboard.Host, out _))
        {
            errors.Add($"{Silo}:Dashboard:Host: '{options.Dashboard.Host}' is not an IP address (or localhost)");
        }

        foreach (var (key, value) in new[] { ("ClusterId", options.ClusterId), ("ServiceId", options.ServiceId) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{Silo}:{key}: must not be empty (silos and clients of one cluster give the same)");
            }
        }

        if (options.ModelsDirectory is { } models && string.IsNullOrWhiteSpace(models))
        {
            errors.Add($"{Silo}:ModelsDirectory: must name a folder (leave it out for the default)");
        }

        if (options.Jobs.Directory is { } jobs && (string.IsNullOrWhiteSpace(jobs) || File.Exists(jobs)))
        {
            errors.Add($"{Silo}:Jobs:Directory: '{jobs}' is not a folder");
        }

        CheckClustering(options.Clustering, errors);
        CheckMembership(options, errors);
        if (new DeviceMonitorOptionsValidator().Validate(name, options.Monitor) is { Failed: true } monitor)
        {
            errors.AddRange(monitor.Failures);
        }

        if (!string.IsNullOrWhiteSpace(options.Tls.CertificatePath))
        {
            try
            {
                using var _ = TlsSettings.Load(options.Tls.CertificatePath, options.Tls.Password, options.Tls.TrustedThumbprints).Certificate;
            }
            catch (ArgumentException e)
            {
                errors.Add($"{Silo}:Tls:CertificatePath: {e.Message}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // Every id the entry stands for is new to the silo; an entry for many devices numbers them with its pattern.
    private static void CheckIds(string key, DeviceOptions device, HashSet<string> ids, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(device.Id))
        {
            return;
        }

        if (device.Count < 1)
        {
            errors.Add($"{key}:Count: {device.Count} devices; must be at least 1");
            return;
        }

        if (device.Count > 1 && !device.Id.Contains("{0", StringComparison.Ordinal))
        {
            errors.Add($"{key}:Id: '{device.Id}' stands for {device.Count} devices and needs {{0}} for each one's number, as in end-{{0:D5}}");
            return;
        }

        try
        {
            if (device.Ids().FirstOrDefault(id => !ids.Add(id)) is { } duplicate)
            {
                errors.Add($"{key}:Id: duplicate device id '{duplicate}'");
            }
        }
        catch (FormatException)
        {
            errors.Add($"{key}:Id: '{device.Id}' is not a valid id pattern (use {{0}} or {{0:D5}} for the device's number; double any other brace)");
        }
    }

    private static void CheckDevice(string key, DeviceOptions device, HeteroSiloOptions silo, ModelManifest? manifest, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(device.Id))
        {
            errors.Add($"{key}:Id: missing");
        }

        if (device.Tier is not { } tier)
        {
            errors.Add($"{key}:Tier: missing (End, Edge or Cloud)");
        }
        else if (silo.Tiers.Count > 0 && !silo.Tiers.Contains(tier))
        {
            errors.Add($"{key}:Tier: device '{device.Id}' is {tier}, but the silo's Tiers are {string.Join(", ", silo.Tiers)}");
        }

        if (string.IsNullOrWhiteSpace(device.Model))
        {
            errors.Add($"{key}:Model: missing");
        }
        else if (manifest is not null && !manifest.Contains(device.Model))
        {
            errors.Add($"{key}:Model: no model '{device.Model}' in {Path.Combine(manifest.Directory, ModelManifest.FileName)} " +
                       $"(known: {string.Join(", ", manifest.Entries.Select(e => e.Id))})");
        }
        else if (manifest is not null && device.Tier is { } deviceTier && manifest.Get(device.Model).Labels != LabelsOf(deviceTier))
        {
            // End devices give the quick coarse answer, the others the fine one: a model of the other label set would
            // "classify" at chance.
            errors.Add($"{key}:Model: '{device.Model}' predicts {manifest.Get(device.Model).Labels} labels; {(deviceTier == Tier.Cloud ? "a" : "an")} {deviceTier} device needs " +
                       $"{LabelsOf(deviceTier)} ({(LabelsOf(deviceTier) == LabelSet.Coarse ? "the 20 super-classes" : "the 100 classes")})");
        }

        if (device.IntraOpThreads < 1)
        {
            errors.Add($"{key}:IntraOpThreads: must be at least 1");
        }

        if (device.ComputeMode == ComputeMode.Emulated && device.MsPerImage <= 0)
        {
            errors.Add($"{key}:MsPerImage: an Emulated device needs its inference time per image (> 0)");
        }

        foreach (var (setting, value) in new[]
                 {
                     ("MsPerImage", device.MsPerImage), ("FailAfterTasks", device.FailAfterTasks),
                     ("Link:LatencyMs", device.Link.LatencyMs), ("Link:BandwidthMbps", device.Link.BandwidthMbps),
                 })
        {
            if (value < 0)
            {
                errors.Add($"{key}:{setting}: '{value}' is not a non-negative number");
            }
        }
    }

    private static LabelSet LabelsOf(Tier tier) => tier == Tier.End ? LabelSet.Coarse : LabelSet.Fine;

    private static void CheckClustering(ClusteringOptions clustering, List<string> errors)
    {
        if (!IPEndPoint.TryParse(clustering.PrimarySiloEndpoint, out var primary) || primary.Port == 0)
        {
            errors.Add($"{Silo}:Clustering:PrimarySiloEndpoint: '{clustering.PrimarySiloEndpoint}' is not an IP:port endpoint");
        }

        if (clustering.Provider is ClusteringProvider.Redis or ClusteringProvider.AdoNet && string.IsNullOrWhiteSpace(clustering.ConnectionString))
        {
            errors.Add($"{Silo}:Clustering:ConnectionString: required for the {clustering.Provider} provider");
        }
    }

    private static void CheckMembership(HeteroSiloOptions options, List<string> errors)
    {
        var membership = options.Membership;
        if (membership.ProbeTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Silo}:Membership:ProbeTimeout: must be longer than zero");
        }

        if (membership.NumMissedProbesLimit < 1)
        {
            errors.Add($"{Silo}:Membership:NumMissedProbesLimit: must be at least 1");
        }

        if (membership.NumProbedSilos < 1)
        {
            errors.Add($"{Silo}:Membership:NumProbedSilos: must be at least 1");
        }

        if (membership.NumVotesForDeathDeclaration < 1 || membership.NumVotesForDeathDeclaration > Math.Max(1, membership.NumProbedSilos))
        {
            errors.Add($"{Silo}:Membership:NumVotesForDeathDeclaration: must be between 1 and NumProbedSilos ({membership.NumProbedSilos})");
        }
    }

    // Each listener needs a port of its own; the dashboard's 0 picks a free one.
    private static void CheckPorts(HeteroSiloOptions options, List<string> errors)
    {
        CheckPort($"{Silo}:SiloPort", options.SiloPort, allowZero: false, errors);
        CheckPort($"{Silo}:GatewayPort", options.GatewayPort, allowZero: false, errors);
        CheckPort($"{Silo}:Dashboard:Port", options.Dashboard.Port, allowZero: true, errors);
        if (options.GatewayPort == options.SiloPort)
        {
            errors.Add($"{Silo}:GatewayPort: {options.GatewayPort} is the SiloPort too; give each its own port");
        }

        if (options.Dashboard.Port != 0 && (options.Dashboard.Port == options.SiloPort || options.Dashboard.Port == options.GatewayPort))
        {
            errors.Add($"{Silo}:Dashboard:Port: {options.Dashboard.Port} is the silo's or gateway's port too; give each its own port");
        }
    }

    private static void CheckPort(string key, int port, bool allowZero, List<string> errors)
    {
        if (port is < 0 or > 65535 || (port == 0 && !allowZero))
        {
            errors.Add($"{key}: '{port}' is not a port number");
        }
    }
}
