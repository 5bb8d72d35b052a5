using System.Reflection;
using Npgsql;

namespace HeteroOrleans.Hosting.Database;

/// <summary>
/// The tables and statements Orleans' ADO.NET providers need on PostgreSQL (membership and grain state), shipped with
/// the program (<c>Database/PostgreSql/*.sql</c>): applied by <c>hetero db init</c> or by a silo asked to
/// (<c>Silo:Clustering:CreateSchema</c>), and checked by every silo before it joins.
/// </summary>
public static class PostgreSqlSchema
{
    private const string ResourcePrefix = "HeteroOrleans.Hosting.PostgreSql.";

    // Any constant: silos and 'hetero db init' applying the scripts at once take turns.
    private const long ApplyLock = 0x4845_5445_524f;

    /// <summary>The statements the providers read at start, each of which the scripts define.</summary>
    public static IReadOnlyList<string> QueryKeys { get; } =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadRowKey",
        "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
    ];

    /// <summary>The scripts' names, in the order they apply (as in the repository: <c>src/HeteroOrleans.Hosting/Database/PostgreSql/</c>).</summary>
    public static IReadOnlyList<string> ScriptNames { get; } =
        [.. typeof(PostgreSqlSchema).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..]).Order(StringComparer.Ordinal)];

    /// <summary>Where <paramref name="connectionString"/> leads, without its credentials: for messages.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var parts = new NpgsqlConnectionStringBuilder(connectionString);
            return $"database '{parts.Database ?? parts.Username ?? "?"}' on {parts.Host ?? "localhost"}:{parts.Port}";
        }
        catch (ArgumentException)
        {
            return "the database";
        }
    }

    /// <summary><paramref name="connectionString"/> without its password: to print, for a command that reads the password from PGPASSWORD.</summary>
    public static string WithoutPassword(string connectionString)
    {
        var parts = new NpgsqlConnectionStringBuilder(connectionString);
        parts.Remove("Password");
        return parts.ToString();
    }

    /// <summary>The statements <see cref="QueryKeys"/> the database lacks: all of them where it has no schema at all.</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached, or refused the login.</exception>
    public static async Task<IReadOnlyList<string>> MissingAsync(string connectionString, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('orleansquery') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellation) is not true)
        {
            return QueryKeys;
        }

        await using var keys = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await keys.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            present.Add(reader.GetString(0));
        }

        return [.. QueryKeys.Where(k => !present.Contains(k))];
    }

    /// <summary>
    /// Applies every script in one transaction: what is missing is created, the statements are replaced with this
    /// version's, and nothing else (grain state, membership rows) is touched. Returns the scripts applied.
    /// </summary>
    /// <exception cref="NpgsqlException">The database cannot be reached, refused the login, or a script failed (nothing is applied).</exception>
    public static async Task<IReadOnlyList<string>> ApplyAsync(string connectionString, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var turn = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ApplyLock})", connection, transaction))
        {
            await turn.ExecuteNonQueryAsync(cancellation);
        }

        foreach (var name in ScriptNames)
        {
            await using var script = new NpgsqlCommand(Read(name), connection, transaction);
            await script.ExecuteNonQueryAsync(cancellation);
        }

        await transaction.CommitAsync(cancellation);
        return ScriptNames;
    }

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The schema script {name} is not in the program.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
