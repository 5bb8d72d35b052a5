using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace HeteroOrleans.Grains.Silos;

/// <summary>
/// What each silo of the cluster declares (tiers and devices), parsed once per silo from Orleans silo metadata and
/// shared by placement and the device monitor. Entries of silos that leave the cluster are dropped on membership
/// changes.
/// </summary>
public sealed class SiloDeviceDirectory(ISiloMetadataCache metadata, IClusterMembershipService membership, ILogger<SiloDeviceDirectory> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<SiloAddress, SiloDeviceMetadata> _declared = new();

    /// <summary>
    /// What <paramref name="silo"/> declares. A silo whose metadata has not arrived yet declares nothing, and that
    /// empty answer is not kept: its devices appear once the metadata arrives.
    /// </summary>
    public SiloDeviceMetadata Of(SiloAddress silo)
    {
        if (_declared.TryGetValue(silo, out var known))
        {
            return known;
        }

        var read = SiloDeviceMetadata.Read(metadata.GetSiloMetadata(silo));
        return read.Tiers.Count > 0 ? _declared.GetOrAdd(silo, read) : read;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                foreach (var silo in _declared.Keys.Where(s => snapshot.GetSiloStatus(s) == SiloStatus.Dead))
                {
                    _declared.TryRemove(silo, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The silo directory stopped following membership; departed silos stay listed until restart");
        }
    }
}
