using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Clustering.Redis;

namespace HeteroOrleans.Hosting.Store;

/// <summary>
/// Watches the membership store from the silo's side. While the store does not answer, the silo serves on with the
/// membership it knows (Orleans retries its own reads and writes) and says so once, in the log and on
/// <c>/health/ready</c>. A Redis that comes back empty (it kept nothing on disk, or failed over to a replica that had
/// not caught up) has lost the table itself, which Orleans never writes again: the silo writes it afresh from the last
/// table it read, every silo then live and itself, at a version above any the cluster has seen, so that no silo takes
/// the new table for an old one or a missing member for a dead one.
/// </summary>
internal sealed partial class MembershipStoreWatch(
    IMembershipTable table, ILocalSiloDetails silo, IClusterMembershipService membership, StoreHealth health, IServiceProvider services, TimeProvider time,
    ILogger<MembershipStoreWatch> logger) : BackgroundService
{
    /// <summary>How often the silo reads the table: a lost table is written again this long after the store is back, at most.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(2);

    private static readonly DateTime Started = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private List<MembershipEntry> _lastLive = [];
    private int _lastVersion;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (health.Failed(time.GetUtcNow(), e.GetBaseException().Message))
                {
                    LogAway(e.GetBaseException().Message);
                }
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellation)
    {
        MembershipTableData data;
        try
        {
            data = await table.ReadAllAsync(cancellation);
        }
        catch (RedisClusteringException)
        {
            // The store answers but the table is gone: it restarted empty.
            await RebuildAsync(health.Answered(time.GetUtcNow()), cancellation);
            return;
        }

        Remember(data);
        if (health.Answered(time.GetUtcNow()) is { } outage)
        {
            LogBack(outage.TotalSeconds);
        }
    }

    private void Remember(MembershipTableData data)
    {
        _lastVersion = Math.Max(_lastVersion, data.Version.Version);
        _lastLive = [.. data.Members.Select(m => m.Item1).Where(e => e.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.Created)];
    }

    // The table is written whole, from the last one read here, and appears at once (RedisTableRebuild); when another
    // silo wrote it first, this silo adds its own row should that table lack it, as a silo joining would.
    private async Task RebuildAsync(TimeSpan? outage, CancellationToken cancellation)
    {
        var floor = (int)Math.Max(_lastVersion, membership.CurrentSnapshot.Version.Value);
        var now = time.GetUtcNow().UtcDateTime;
        var entries = _lastLive.Where(e => !e.SiloAddress.Equals(silo.SiloAddress)).Prepend(Own(now)).Select(e => Fresh(e, now)).ToList();
        if (await services.GetRequiredService<RedisTableRebuild>().WriteAsync(entries, floor, cancellation))
        {
            LogRebuilt(outage?.TotalSeconds ?? 0, entries.Count, (await table.ReadAllAsync(cancellation)).Version.Version);
            return;
        }

        var data = await table.ReadAllAsync(cancellation);
        if (data.TryGet(silo.SiloAddress) is null)
        {
            await table.InsertRowAsync(entries[0], data.Version.Next(), cancellation);
        }
    }

    // This silo's row as it would write it: active, with its endpoints and names.
    private MembershipEntry Own(DateTime now) =>
        _lastLive.FirstOrDefault(e => e.SiloAddress.Equals(silo.SiloAddress)) ?? new MembershipEntry
        {
            SiloAddress = silo.SiloAddress,
            HostName = silo.DnsHostName,
            SiloName = silo.Name,
            ProxyPort = silo.GatewayAddress?.Endpoint?.Port ?? 0,
            RoleName = typeof(MembershipStoreWatch).Assembly.GetName().Name,
            Status = SiloStatus.Active,
            StartTime = Started,
            IAmAliveTime = now,
        };

    private static MembershipEntry Fresh(MembershipEntry entry, DateTime now) => new()
    {
        SiloAddress = entry.SiloAddress,
        HostName = entry.HostName,
        SiloName = entry.SiloName,
        ProxyPort = entry.ProxyPort,
        RoleName = entry.RoleName,
        UpdateZone = entry.UpdateZone,
        FaultZone = entry.FaultZone,
        Status = SiloStatus.Active,
        StartTime = entry.StartTime,
        IAmAliveTime = now,
        SuspectTimes = [],
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The membership store does not answer ({Reason}): the silo serves on with the membership it knows and watches for the store's return")]
    private partial void LogAway(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The membership store answers again after {Seconds:F1} s")]
    private partial void LogBack(double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The membership store came back without the cluster's table (after {Seconds:F1} s away; it kept nothing): written again with the {Live} live silo(s) of the last table read here, at version {Version}")]
    private partial void LogRebuilt(double seconds, int live, int version);
}
