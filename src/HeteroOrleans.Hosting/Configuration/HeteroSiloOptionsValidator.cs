using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Checks a bound <c>Silo</c> section as a whole: every problem at once, each starting with its key
/// (<c>Silo:Devices:2:Tier</c>). Each options class has a validator of its own, given here by dependency injection
/// (<see cref="SiloOptionsValidation"/>); this one adds what relates them (a device's tier among the silo's, ids given
/// twice, ports given twice). Values of the wrong kind were reported before binding, by <see cref="ConfigurationShape"/>;
/// what needs the disk or the network (models, free ports, certificates) is checked at start by the silo's checks.
/// </summary>
public sealed class HeteroSiloOptionsValidator(
    IValidateOptions<DeviceOptions> devices,
    IValidateOptions<ClusteringOptions> clustering,
    IValidateOptions<ClusterMembershipOptions> membership,
    IValidateOptions<DashboardOptions> dashboard,
    IValidateOptions<DeviceMonitorOptions> monitor,
    IValidateOptions<ServingOptions> serving,
    IValidateOptions<TracingOptions> tracing) : IValidateOptions<HeteroSiloOptions>
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

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, device) in options.DevicesInOrder)
        {
            var deviceKey = $"{Silo}:Devices:{key}";
            var result = devices.Validate(deviceKey, device);
            Add(result, errors);
            if (device.Tier is { } tier && options.Tiers.Count > 0 && !options.Tiers.Contains(tier))
            {
                errors.Add($"{deviceKey}:Tier: device '{device.Id}' is {tier}, but the silo's Tiers are {string.Join(", ", options.Tiers)}");
            }

            if (!result.Failed && device.Ids().FirstOrDefault(id => !ids.Add(id)) is { } duplicate)
            {
                errors.Add($"{deviceKey}:Id: duplicate device id '{duplicate}'");
            }
        }

        Add(clustering.Validate($"{Silo}:Clustering", options.Clustering), errors);
        Add(membership.Validate($"{Silo}:Membership", options.Membership), errors);
        Add(dashboard.Validate($"{Silo}:Dashboard", options.Dashboard), errors);
        Add(monitor.Validate(Options.DefaultName, options.Monitor), errors);
        Add(serving.Validate(Options.DefaultName, options.Serving), errors);
        Add(tracing.Validate($"{Silo}:Tracing", options.Tracing), errors);
        CheckSilo(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Add(ValidateOptionsResult result, List<string> errors)
    {
        if (result.Failed)
        {
            errors.AddRange(result.Failures);
        }
    }

    private static void CheckSilo(HeteroSiloOptions options, List<string> errors)
    {
        CheckPort($"{Silo}:SiloPort", options.SiloPort, errors);
        CheckPort($"{Silo}:GatewayPort", options.GatewayPort, errors);
        if (options.GatewayPort == options.SiloPort)
        {
            errors.Add($"{Silo}:GatewayPort: {options.GatewayPort} is the SiloPort too; give each its own port");
        }

        // Each listener needs a port of its own; the dashboard's 0 picks a free one.
        if (options.Dashboard.Port != 0 && (options.Dashboard.Port == options.SiloPort || options.Dashboard.Port == options.GatewayPort))
        {
            errors.Add($"{Silo}:Dashboard:Port: {options.Dashboard.Port} is the silo's or gateway's port too; give each its own port");
        }

        if (!IPAddress.TryParse(options.AdvertisedIp, out var advertised))
        {
            errors.Add($"{Silo}:AdvertisedIp: '{options.AdvertisedIp}' is not an IP address");
        }
        else if (ListensBeyondLoopback(options, advertised) && string.IsNullOrWhiteSpace(options.Tls.CertificatePath) && !options.AllowInsecure)
        {
            // Without TLS anyone who reaches the ports may run jobs and read every result: refused unless asked for.
            errors.Add($"{Silo}:Tls:CertificatePath: the silo would listen on every interface (AdvertisedIp {advertised}, ports {options.SiloPort} and " +
                $"{options.GatewayPort}) without TLS, so anyone who reaches them could run jobs and read results. Make certificates with " +
                $"'hetero certs create DIR' and name this silo's (Silo:Tls:CertificatePath, Silo:Tls:AuthorityPath), or set {Silo}:AllowInsecure " +
                "to true on a network only you reach");
        }

        if (WebBeyondLoopback(options.Dashboard) && string.IsNullOrWhiteSpace(options.Dashboard.TokenFile) && !options.AllowInsecure)
        {
            // The dashboard streams the log and reads grain state; the inference endpoint classifies for anyone.
            errors.Add($"{Silo}:Dashboard:TokenFile: the web port would listen on {options.Dashboard.Host} (dashboard, device page, inference) with no " +
                $"credential. Write a token with 'hetero certs token FILE' and name the file here (callers send 'Authorization: Bearer TOKEN'), " +
                $"listen on 127.0.0.1, or set {Silo}:AllowInsecure to true on a network only you reach");
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

        if (options.Jobs.Directory is { } jobs && string.IsNullOrWhiteSpace(jobs))
        {
            errors.Add($"{Silo}:Jobs:Directory: must name a folder (leave it out for the default)");
        }

        if (options.Jobs.Retention != TimeSpan.Zero && options.Jobs.Retention < TimeSpan.FromHours(1))
        {
            errors.Add($"{Silo}:Jobs:Retention: {options.Jobs.Retention} is less than an hour (0 keeps ended jobs for ever)");
        }

        if (options.DrainTimeout < TimeSpan.Zero || options.DrainTimeout > MaxDrainTimeout)
        {
            errors.Add($"{Silo}:DrainTimeout: {options.DrainTimeout} is not between 0 (stop without draining) and {MaxDrainTimeout:g} " +
                "(written hh:mm:ss: 00:00:20 is 20 s, and a bare 20 is 20 days)");
        }
    }

    /// <summary>The longest drain a silo may be given: a service manager waits that long, and more, for a stop.</summary>
    public static TimeSpan MaxDrainTimeout { get; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether a silo of <paramref name="options"/> listens beyond loopback: one not on localhost clustering listens on
    /// every interface once it advertises an address other than loopback.
    /// </summary>
    public static bool ListensBeyondLoopback(HeteroSiloOptions options, IPAddress advertised) =>
        options.Clustering.Provider != ClusteringProvider.Localhost && !IPAddress.IsLoopback(advertised);

    /// <summary>Whether the web port of <paramref name="dashboard"/> listens beyond loopback.</summary>
    public static bool WebBeyondLoopback(DashboardOptions dashboard) =>
        dashboard.Host != "localhost" && (!IPAddress.TryParse(dashboard.Host, out var host) || !IPAddress.IsLoopback(host));

    private static void CheckPort(string key, int port, List<string> errors)
    {
        if (port is <= 0 or > 65535)
        {
            errors.Add($"{key}: '{port}' is not a port number");
        }
    }
}
