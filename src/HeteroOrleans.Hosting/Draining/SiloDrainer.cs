using HeteroOrleans.Grains.Silos;
using Orleans.Core.Internal;
using Orleans.Runtime.Placement;

namespace HeteroOrleans.Hosting.Draining;

/// <summary>
/// Makes a stopping silo leave gracefully before Orleans shuts it down: readiness turns false, the device monitor
/// marks its devices draining (jobs and the inference service send them nothing new), the work already queued on them
/// finishes, and the jobs and inference service it hosts migrate to another end-tier silo. It runs when the host
/// begins to stop (SIGTERM, <c>hetero silo drain</c>), while Orleans and the web endpoints still serve, and takes at
/// most <see cref="HeteroSiloOptions.DrainTimeout"/>; what is left then meets the ordinary fail-over.
/// </summary>
internal sealed class SiloDrainer(
    SiloDrain drain, SiloSettings settings, IGrainFactory grains, ILocalSiloDetails local, IClusterMembershipService membership,
    SiloDeviceDirectory directory, TimeProvider time, ILogger<SiloDrainer> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    // Jobs and the inference service re-read the monitor every 200 ms: by then none sends new work to the devices here.
    private static readonly TimeSpan NoticeSpread = TimeSpan.FromMilliseconds(500);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var timeout = settings.Options.DrainTimeout;
        if (timeout <= TimeSpan.Zero || membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress) != SiloStatus.Active)
        {
            return;
        }

        var started = time.GetTimestamp();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        drain.Begin();
        logger.LogInformation("Silo {Silo} is draining (at most {Timeout:g}): readiness false, its devices take no new work", settings.Name, timeout);
        try
        {
            var devices = await grains.GetDeviceMonitor().DrainAsync(local.SiloAddress.ToString()).WaitAsync(bounded.Token);
            var queued = await QueuedAsync(bounded.Token);
            await Task.Delay(NoticeSpread, time, bounded.Token);
            while (await QueuedAsync(bounded.Token) > 0)
            {
                await Task.Delay(Poll, time, bounded.Token);
            }

            var moved = await MoveHostedGrainsAsync(bounded.Token);
            logger.LogInformation(
                "Silo {Silo} drained in {Took:0} ms: {Devices} device(s) idle ({Queued} call(s) queued on them at the start finished), {Moved} job/service grain(s) moved",
                settings.Name, time.GetElapsedTime(started).TotalMilliseconds, devices, queued, moved);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or OrleansException)
        {
            logger.LogWarning("Silo {Silo} did not finish draining within {Timeout:g} ({Reason}): the cluster's fail-over takes what is left",
                settings.Name, timeout, e is OperationCanceledException ? "time-out" : e.Message);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Calls waiting at or running on this silo's devices.
    private async Task<int> QueuedAsync(CancellationToken cancellation)
    {
        var statuses = await Task.WhenAll(settings.Devices.Select(d => grains.GetDevice(d.Tier, d.Id).GetStatusAsync())).WaitAsync(cancellation);
        return statuses.Sum(s => s.InFlight);
    }

    // Each grain that holds work in memory is migrated to another end-tier silo (Orleans live migration, steered by a
    // placement hint: the grains prefer their local silo, which would keep them here). A job writes its state as it
    // leaves and resumes from it there; the inference service carries its devices' cuts into its first plan there.
    private async Task<int> MoveHostedGrainsAsync(CancellationToken cancellation)
    {
        var targets = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(local.SiloAddress) && directory.Of(m.SiloAddress).Tiers.Contains(Tier.End))
            .Select(m => m.SiloAddress)
            .ToList();
        var hosted = drain.Movable;
        if (hosted.Count == 0)
        {
            return 0;
        }

        if (targets.Count == 0)
        {
            logger.LogWarning("Silo {Silo} hosts {Count} job/service grain(s) but no other end-tier silo is active: they resume when one joins", settings.Name, hosted.Count);
            return 0;
        }

        var moved = 0;
        foreach (var grain in hosted)
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, targets[moved++ % targets.Count]);
            try
            {
                await grains.GetGrain(grain).AsReference<IGrainManagementExtension>().MigrateOnIdle().AsTask().WaitAsync(cancellation);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }

        while (drain.Movable.Count > 0)
        {
            await Task.Delay(Poll, time, cancellation);
        }

        return moved;
    }
}
