using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using StackExchange.Redis;

namespace HeteroOrleans.Hosting.Store;

/// <summary>
/// Writes a Redis membership table that the store lost, whole and at once. The rows are written by Orleans' own Redis
/// table under a key of their own; then the version is raised above any the cluster has seen (Orleans' table keeps it
/// as a number in the hash's <c>Version</c> field and moves it by one per row, so a table written afresh would start
/// at 0, which every silo takes for an old table); then the whole is renamed to the cluster's key in one transaction,
/// only while that key is still absent. No silo ever reads a table that lacks a live silo: it would take that silo for
/// dead, and the silo, told so, would stop.
/// </summary>
/// <remarks>Only for Redis clustering: <paramref name="silosTable"/> is Orleans' Redis table, whose type this creates again.</remarks>
internal sealed class RedisTableRebuild(IMembershipTable silosTable, IServiceProvider services, IOptions<RedisClusteringOptions> redis, IOptions<ClusterOptions> cluster)
{
    private const string VersionField = "Version";

    /// <summary>Writes <paramref name="entries"/> as the cluster's table at a version above <paramref name="floor"/>; false when another silo wrote it first.</summary>
    public async Task<bool> WriteAsync(IReadOnlyList<MembershipEntry> entries, int floor, CancellationToken cancellation)
    {
        var options = redis.Value;
        RedisKey key = options.CreateRedisKey(cluster.Value);
        RedisKey aside = $"{key}/rebuilt/{Guid.NewGuid():N}";
        var asideOptions = new RedisClusteringOptions
        {
            ConfigurationOptions = options.ConfigurationOptions,
            CreateMultiplexer = options.CreateMultiplexer,
            CreateRedisKey = _ => aside,
        };
        // Another instance of the silo's own table provider, pointed at the key aside: the rows are Orleans' own.
        var table = (IMembershipTable)ActivatorUtilities.CreateInstance(services, silosTable.GetType(), Options.Create(asideOptions), cluster);
        await using (table as IAsyncDisposable)
        {
            await table.InitializeMembershipTableAsync(tryInitTableVersion: true, cancellation);
            foreach (var entry in entries)
            {
                await table.InsertRowAsync(entry, (await table.ReadAllAsync(cancellation)).Version.Next(), cancellation);
            }
        }

        await using var connection = await ConnectionMultiplexer.ConnectAsync(options.ConfigurationOptions!);
        var db = connection.GetDatabase();
        var version = (int)await db.HashGetAsync(aside, VersionField);
        await db.HashSetAsync(aside, VersionField, Math.Max(version, floor + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var move = db.CreateTransaction();
        move.AddCondition(Condition.KeyNotExists(key));
        _ = move.KeyRenameAsync(aside, key);
        if (await move.ExecuteAsync())
        {
            return true;
        }

        await db.KeyDeleteAsync(aside);
        return false;
    }
}
