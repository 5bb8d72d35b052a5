using System.Net;
using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Grains.Hosting;
using HeteroOrleans.Grains.Monitoring;

namespace HeteroOrleans.Silo.Configuration;

/// <summary>A validated silo configuration (the <c>Silo</c> section of a silo config file).</summary>
/// <param name="Name">Silo name, shown on the dashboard.</param>
/// <param name="Tiers">Tiers the silo is tagged with.</param>
/// <param name="Devices">Devices the silo hosts.</param>
/// <param name="ClusterId">Orleans cluster id. Default <c>hetero</c>.</param>
/// <param name="ServiceId">Orleans service id. Default <c>hetero</c>.</param>
/// <param name="SiloPort">Silo-to-silo port. Default 11111.</param>
/// <param name="GatewayPort">Client gateway port. Default 30000.</param>
/// <param name="AdvertisedIp">Address other silos reach this one at. Default 127.0.0.1.</param>
/// <param name="Clustering">How the silo finds the others.</param>
/// <param name="DashboardHost">Address the dashboard listens on. Default 127.0.0.1.</param>
/// <param name="DashboardPort">Dashboard port; 0 picks a free one. Default 8080.</param>
/// <param name="ModelsDirectory">Folder of <c>models.json</c>.</param>
/// <param name="Monitor">Device monitor probing (defaults: every 1 s, 0.5 s timeout, down after 2 misses).</param>
/// <param name="Membership">Orleans failure detection; null keeps Orleans' production defaults.</param>
/// <param name="Tls">Mutual TLS on Orleans connections; null: plain TCP.</param>
/// <param name="JobsDirectory">
/// Where jobs keep their state when membership is not on a shared store (Localhost or InProcess clustering): every
/// silo of the machine names the same folder, so a job whose silo dies continues on another. Default: a folder per
/// service id under the system's temp folder. With Redis or ADO.NET clustering jobs are kept in that store instead.
/// </param>
public sealed record SiloSettings(
    string Name,
    IReadOnlyList<Tier> Tiers,
    IReadOnlyList<DeviceProfile> Devices,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    IPAddress AdvertisedIp,
    ClusteringSettings Clustering,
    string DashboardHost,
    int DashboardPort,
    string ModelsDirectory,
    DeviceMonitorOptions? Monitor = null,
    MembershipTuning? Membership = null,
    TlsSettings? Tls = null,
    string? JobsDirectory = null)
{
    /// <summary>The jobs folder: <see cref="JobsDirectory"/>, or its default for <see cref="ServiceId"/>.</summary>
    public string JobsDirectoryOrDefault => JobsDirectory ?? Path.Combine(Path.GetTempPath(), "hetero-jobs", ServiceId);
}
