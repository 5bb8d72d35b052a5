using HeteroOrleans.Hosting.Database;
using Npgsql;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Checks, before a silo joins its cluster on PostgreSQL (<c>Silo:Clustering:Provider AdoNet</c>, invariant Npgsql),
/// that the database has the schema Orleans' providers need: without it they fail deep in start-up with a stack
/// trace, and a service manager restarts the silo for ever. A silo asked to (<c>Silo:Clustering:CreateSchema</c>)
/// applies it instead.
/// </summary>
public static class SiloDatabaseCheck
{
    private const string Key = $"{HeteroSiloOptions.SectionName}:Clustering";

    /// <summary>Checks the database of <paramref name="settings"/>; <paramref name="say"/> hears what was done.</summary>
    /// <exception cref="SiloConfigException">The database lacks the schema (exit 2: a setting or a command to run is wanted, not a restart).</exception>
    /// <exception cref="SiloDatabaseException">The database cannot be reached or refused the login (may pass: a restart may do).</exception>
    public static async Task CheckAsync(SiloSettings settings, string source, Action<string> say, CancellationToken cancellation)
    {
        var clustering = settings.Options.Clustering;
        if (!clustering.OnPostgreSql)
        {
            return;
        }

        var where = PostgreSqlSchema.Describe(clustering.ConnectionString!);
        try
        {
            var missing = await PostgreSqlSchema.MissingAsync(clustering.ConnectionString!, cancellation);
            if (missing.Count == 0)
            {
                return;
            }

            if (!clustering.CreateSchema)
            {
                var what = missing.Count == PostgreSqlSchema.QueryKeys.Count ? "has no HeteroOrleans schema" : $"lacks the statements {string.Join(", ", missing)}";
                throw new SiloConfigException(source, [
                    $"{Key}:ConnectionString: {where} {what}: apply it with 'hetero db init --connection \"{PostgreSqlSchema.WithoutPassword(clustering.ConnectionString!)}\"' " +
                    $"(the scripts {string.Join(", ", PostgreSqlSchema.ScriptNames)}), or set {Key}:CreateSchema to true"]);
            }

            await PostgreSqlSchema.ApplyAsync(clustering.ConnectionString!, cancellation);
            say($"Applied the HeteroOrleans schema to {where} ({Key}:CreateSchema).");
        }
        catch (ArgumentException e)
        {
            throw new SiloConfigException(source, [$"{Key}:ConnectionString: not a PostgreSQL connection string ({e.Message})"]);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new SiloDatabaseException($"{source}: {Key}:ConnectionString: {where}: {e.GetBaseException().Message}", e);
        }
    }
}
