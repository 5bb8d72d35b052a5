using HeteroOrleans.Hosting.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeteroOrleans.Hosting.Web;

/// <summary>
/// Ready when the silo can serve: it is an active member of its cluster, its devices' models are loaded, and, with
/// Localhost clustering, the primary silo that holds the membership table is active too (without it no silo can join
/// or leave, and a restarted primary makes the others stop). A draining silo is not ready: it is about to leave. A silo
/// whose membership store does not answer is degraded: it serves, but the cluster cannot change until the store is back.
/// </summary>
internal sealed class SiloReadyCheck(
    IClusterMembershipService membership, ILocalSiloDetails silo, ModelWarmup models, SiloDrain drain, SiloSettings settings, Store.StoreHealth store, TimeProvider time)
    : IHealthCheck
{
    private static readonly TimeSpan PrimaryAnswerWithin = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        var primary = PrimaryEndpoint();
        return drain.IsDraining ? HealthCheckResult.Unhealthy("draining: the silo is leaving the cluster")
            : models.Failure is { } failure ? HealthCheckResult.Unhealthy($"models failed to load: {failure}")
            : status != SiloStatus.Active ? HealthCheckResult.Unhealthy($"silo is {status} in the cluster")
            // The membership table lives on the primary: when it is gone, nobody can record that, so the members' own
            // view still shows it active. Whether it accepts a connection is what tells.
            : primary is not null && !await TcpProbe.AcceptsAsync(primary, PrimaryAnswerWithin, cancellationToken)
                ? HealthCheckResult.Unhealthy($"the primary silo {primary} does not answer: with Localhost clustering the cluster cannot change without it")
            : !models.ModelsLoaded ? HealthCheckResult.Unhealthy("models are still loading")
            : store.Degraded(time.GetUtcNow()) is { } degraded ? HealthCheckResult.Degraded(degraded)
            : HealthCheckResult.Healthy("active member, models loaded");
    }

    private IPEndPoint? PrimaryEndpoint() =>
        settings.Options.Clustering.Provider == ClusteringProvider.Localhost && !settings.PrimarySiloEndpoint.Equals(silo.SiloAddress.Endpoint)
            ? settings.PrimarySiloEndpoint
            : null;
}
