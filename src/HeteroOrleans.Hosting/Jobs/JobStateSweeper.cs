using HeteroOrleans.Grains.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace HeteroOrleans.Hosting.Jobs;

/// <summary>
/// Deletes the state of jobs that ended longer ago than <c>Silo:Jobs:Retention</c>, wherever jobs keep it: files of the
/// jobs folder, rows of the database, keys of Redis. A job's state is its last write: a running job writes it every few
/// seconds, so state last written a retention ago is an ended job's. Every silo sweeps, at start and every hour;
/// deleting what another silo deleted is no harm.
/// </summary>
internal sealed class JobStateSweeper(SiloSettings settings, TimeProvider time, ILogger<JobStateSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan FirstAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Deletes the job state files of <paramref name="directory"/> last written before <paramref name="before"/>; returns how many.</summary>
    public static int SweepFolder(string directory, DateTime before)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var old = new DirectoryInfo(directory).EnumerateFiles("*.grain").Where(f => f.LastWriteTimeUtc < before).ToList();
        old.ForEach(f => f.Delete());
        return old.Count;
    }

    /// <summary>Deletes the job state rows of <paramref name="serviceId"/> in a PostgreSQL store last written more than <paramref name="age"/> ago.</summary>
    public static async Task<int> SweepPostgreSqlAsync(string connectionString, string serviceId, TimeSpan age, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var delete = new NpgsqlCommand(
            "DELETE FROM OrleansStorage WHERE ServiceId = @service AND GrainTypeString = @type AND ModifiedOn < now() - @age", connection);
        delete.Parameters.AddWithValue("service", serviceId);
        delete.Parameters.AddWithValue("type", JobGrainType);
        delete.Parameters.AddWithValue("age", age);
        return await delete.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Deletes the job state keys of <paramref name="serviceId"/> in Redis untouched for more than <paramref name="age"/>.</summary>
    public static async Task<int> SweepRedisAsync(string configuration, string serviceId, TimeSpan age)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var database = redis.GetDatabase();
        var deleted = 0;
        foreach (var endpoint in redis.GetEndPoints())
        {
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: $"{serviceId}/state/{JobGrainType}/*"))
            {
                if (await database.KeyIdleTimeAsync(key) is { } idle && idle > age && await database.KeyDeleteAsync(key))
                {
                    deleted++;
                }
            }
        }

        return deleted;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = settings.Options.Jobs.Retention;
        if (retention == TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(FirstAfter, time, stoppingToken);
            using var hourly = new PeriodicTimer(Every, time);
            do
            {
                await SweepOnceAsync(retention, stoppingToken);
            }
            while (await hourly.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo stops.
        }
    }

    // The grain type of jobs, as the storage providers name it.
    private const string JobGrainType = "job";

    private async Task SweepOnceAsync(TimeSpan retention, CancellationToken cancellation)
    {
        var clustering = settings.Options.Clustering;
        try
        {
            var deleted = clustering.Provider switch
            {
                ClusteringProvider.Redis => await SweepRedisAsync(clustering.ConnectionString!, settings.Options.ServiceId, retention),
                ClusteringProvider.AdoNet when clustering.OnPostgreSql => await SweepPostgreSqlAsync(clustering.ConnectionString!, settings.Options.ServiceId, retention, cancellation),
                // Other databases: this system ships no schema for them, and so knows none of their tables.
                ClusteringProvider.AdoNet => 0,
                _ => SweepFolder(settings.JobsDirectory, time.GetUtcNow().UtcDateTime - retention),
            };
            if (deleted > 0)
            {
                logger.LogInformation("Deleted the state of {Count} job(s) ended more than {Retention} ago (Silo:Jobs:Retention).", deleted, retention);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NpgsqlException or RedisException)
        {
            // The store may be away a while: the next sweep tries again.
            logger.LogWarning("Could not delete ended jobs' state: {Reason}", e.Message);
        }
    }
}
