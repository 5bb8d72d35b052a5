using System.Diagnostics;
using System.Globalization;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// The membership and job store of a chaos run that has a store fault: a Redis set up for the fault (without
/// persistence for a restart that comes back empty, with an append-only log for one that reads it back, or a master,
/// its replica and a Sentinel for a failover), and the fault itself, run beside the job.
/// </summary>
public sealed class ChaosStore : IAsyncDisposable
{
    private const string Service = "chaos";
    private readonly RedisProcess _store;
    private readonly RedisProcess? _replica;
    private readonly RedisProcess? _sentinel;
    private readonly string _directory;

    private ChaosStore(string directory, RedisProcess store, RedisProcess? replica, RedisProcess? sentinel) =>
        (_directory, _store, _replica, _sentinel) = (directory, store, replica, sentinel);

    /// <summary>The silos' connection string: the store, or the Sentinel set that names it.</summary>
    public string ConnectionString => _sentinel is { } sentinel ? $"127.0.0.1:{sentinel.Port},serviceName={Service}" : $"127.0.0.1:{_store.Port}";

    /// <summary>Starts the store <paramref name="fault"/> needs.</summary>
    public static async Task<ChaosStore> StartAsync(ChaosFaultKind fault)
    {
        var directory = Directory.CreateTempSubdirectory("hetero-chaos-store-").FullName;
        var store = await RedisProcess.StartAsync(directory, "--appendonly", fault == ChaosFaultKind.StoreRestartFromLog ? "yes" : "no");
        if (fault != ChaosFaultKind.StoreFailover)
        {
            return new ChaosStore(directory, store, null, null);
        }

        var replicaDirectory = Directory.CreateDirectory(Path.Combine(directory, "replica")).FullName;
        var replica = await RedisProcess.StartAsync(replicaDirectory, "--appendonly", "no", "--replicaof", "127.0.0.1", store.Port.ToString(CultureInfo.InvariantCulture));
        var sentinel = await RedisProcess.StartSentinelAsync(directory, Service, store.Port);
        await SentinelKnowsReplicaAsync(sentinel.Port);
        return new ChaosStore(directory, store, replica, sentinel);
    }

    /// <summary>
    /// Waits until the Sentinel at <paramref name="sentinelPort"/> knows a replica of <paramref name="service"/>. A Sentinel
    /// learns a master's replicas from the master's INFO, which it reads every 10 s: a master killed before then has no
    /// replica to fail over to, and the store stays away until the master comes back.
    /// </summary>
    public static async Task SentinelKnowsReplicaAsync(int sentinelPort, string service = Service)
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse($"127.0.0.1:{sentinelPort}");
        (options.CommandMap, options.AbortOnConnectFail) = (StackExchange.Redis.CommandMap.Sentinel, false);
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options);
        var sentinel = connection.GetServer("127.0.0.1", sentinelPort);
        for (var waited = 0; waited < 300; waited++)
        {
            if ((await sentinel.SentinelReplicasAsync(service)).Length > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the Sentinel did not learn of the replica within 30 s");
    }

    /// <summary>
    /// Kills the store without grace; unless it fails over, starts it again after <paramref name="outage"/>. Returns how long
    /// the store was away (until it answered again, or until the Sentinel named the replica master).
    /// </summary>
    public async Task<TimeSpan> FaultAsync(ChaosFaultKind fault, TimeSpan outage, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        _store.Kill();
        if (fault == ChaosFaultKind.StoreFailover)
        {
            // The replica answers as master once the Sentinel has promoted it (about a second of silence, then the vote).
            await WaitMasterAsync(cancellation);
            return watch.Elapsed;
        }

        await Task.Delay(outage, cancellation);
        await _store.RestartAsync(cancellation);
        return watch.Elapsed;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { _sentinel, _replica, _store })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitMasterAsync(CancellationToken cancellation)
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse($"127.0.0.1:{_replica!.Port}");
        options.AbortOnConnectFail = false;
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options);
        var server = connection.GetServer("127.0.0.1", _replica.Port);
        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await server.RoleAsync()).Value == "master")
                {
                    return;
                }
            }
            catch (StackExchange.Redis.RedisException)
            {
                // Asked while the replica turns master (or the machine is too busy to answer in time): ask again.
            }

            await Task.Delay(200, cancellation);
        }

        throw new TimeoutException("the Sentinel did not promote the replica within 60 s");
    }
}
