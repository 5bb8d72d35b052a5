using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeteroOrleans.Hosting.Web;

/// <summary>Ready once the silo is an active cluster member and its devices' models are loaded.</summary>
internal sealed class SiloReadyCheck(IClusterMembershipService membership, ILocalSiloDetails silo, ModelWarmup models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(
            models.Failure is { } failure ? HealthCheckResult.Unhealthy($"models failed to load: {failure}")
            : status != SiloStatus.Active ? HealthCheckResult.Unhealthy($"silo is {status} in the cluster")
            : !models.ModelsLoaded ? HealthCheckResult.Unhealthy("models are still loading")
            : HealthCheckResult.Healthy("active, models loaded"));
    }
}
