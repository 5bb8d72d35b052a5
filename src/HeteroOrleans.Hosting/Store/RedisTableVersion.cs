using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using StackExchange.Redis;

namespace HeteroOrleans.Hosting.Store;

/// <summary>
/// Raises the version of a Redis membership table that was just created afresh. Orleans' Redis table keeps its version
/// as a number in the table's hash (field <c>Version</c>) and moves it by one at each row written; a table created again
/// starts at 0, which every silo would take for an old table and ignore. Only a table still at the version it was
/// created with is raised, in one conditional write: a table another silo raised or wrote to meanwhile is left alone.
/// </summary>
internal sealed class RedisTableVersion(IOptions<RedisClusteringOptions> redis, IOptions<ClusterOptions> cluster)
{
    private const string VersionField = "Version";

    /// <summary>Sets the table's version to <paramref name="floor"/> if it is still <paramref name="created"/>; true when it did.</summary>
    public async Task<bool> RaiseAsync(int created, int floor)
    {
        var options = redis.Value;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options.ConfigurationOptions!);
        var db = connection.GetDatabase();
        var key = options.CreateRedisKey(cluster.Value);
        var write = db.CreateTransaction();
        write.AddCondition(Condition.HashEqual(key, VersionField, created.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _ = write.HashSetAsync(key, VersionField, floor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await write.ExecuteAsync();
    }
}
