using Orleans.Configuration;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// A checked silo config: what <see cref="SiloConfigLoader"/> makes of a <c>Silo</c> section once
/// <see cref="HeteroSiloOptionsValidator"/> found nothing wrong. The options keep every value and default as written;
/// the rest is resolved from them.
/// </summary>
/// <param name="Name">Silo name, shown on the dashboard.</param>
/// <param name="Tiers">Tiers the silo is tagged with.</param>
/// <param name="Devices">Devices the silo hosts.</param>
/// <param name="ModelsDirectory">Full path of the folder of <c>models.json</c>.</param>
/// <param name="Options">The section as bound.</param>
/// <param name="Section">The section itself: <c>Membership</c> binds from it onto Orleans' <see cref="ClusterMembershipOptions"/>, <c>Monitor</c> onto <see cref="DeviceMonitorOptions"/>.</param>
/// <param name="Tls">Mutual TLS on Orleans connections; null: plain TCP.</param>
/// <param name="WebToken">The bearer token the web port requires (<c>Dashboard:TokenFile</c>), UTF-8; null: none required.</param>
public sealed record SiloSettings(
    string Name,
    IReadOnlyList<Tier> Tiers,
    IReadOnlyList<DeviceProfile> Devices,
    string ModelsDirectory,
    HeteroSiloOptions Options,
    IConfigurationSection Section,
    TlsSettings? Tls = null,
    byte[]? WebToken = null)
{
    /// <summary>Address other silos reach this one at.</summary>
    public IPAddress AdvertisedIp => IPAddress.Parse(Options.AdvertisedIp);

    /// <summary>Localhost clustering: the primary silo's endpoint.</summary>
    public IPEndPoint PrimarySiloEndpoint => IPEndPoint.Parse(Options.Clustering.PrimarySiloEndpoint);

    /// <summary>The jobs folder: <see cref="JobsOptions.Directory"/>, or its default for the service id.</summary>
    public string JobsDirectory => Options.Jobs.Directory is { } directory
        ? Path.GetFullPath(directory)
        : Path.Combine(Path.GetTempPath(), "hetero-jobs", Options.ServiceId);
}
