using HeteroOrleans.Hosting.Configuration;
using HeteroOrleans.Hosting.Database;
using Npgsql;

namespace HeteroOrleans.Cli.Commands.Db;

/// <summary><c>hetero db init</c>: the schema a PostgreSQL cluster store needs (membership and job state), applied once before the silos start.</summary>
public static class DbCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var connection = new Option<string?>("--connection")
        {
            Description = "The PostgreSQL connection string (Host=…;Database=…;Username=…); the password from PGPASSWORD or a Passfile, not the command line",
        };
        var config = new Option<FileInfo?>("--config") { Description = "A silo config whose Silo:Clustering:ConnectionString to use instead" };
        var init = new Command("init", $"Apply the PostgreSQL schema ({string.Join(", ", PostgreSqlSchema.ScriptNames)}): creates what is missing, " +
            "replaces the statements with this version's, keeps every row; safe to run again") { connection, config };
        init.Validators.Add(result =>
        {
            if ((result.GetValue(connection) is null) == (result.GetValue(config) is null))
            {
                result.AddError("Give --connection or --config (one of them).");
            }
        });
        init.SetAction(async (result, cancellation) =>
        {
            var target = result.GetValue(connection) ?? FromConfig(result.GetValue(config)!);
            var where = PostgreSqlSchema.Describe(target);
            try
            {
                _ = new NpgsqlConnectionStringBuilder(target);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{(result.GetValue(connection) is null ? "Silo:Clustering:ConnectionString" : "--connection")}: not a PostgreSQL connection string ({e.Message})");
            }

            try
            {
                var missing = await PostgreSqlSchema.MissingAsync(target, cancellation);
                var applied = await PostgreSqlSchema.ApplyAsync(target, cancellation);
                var before = missing.Count == 0 ? "it had every statement; they are now this version's"
                    : missing.Count == PostgreSqlSchema.QueryKeys.Count ? "it had no schema" : $"it lacked {string.Join(", ", missing)}";
                console.MarkupLine(Markup.Escape($"Applied {string.Join(", ", applied)} to {where} ({before}). Silos on it may start."));
                return 0;
            }
            catch (NpgsqlException e)
            {
                Console.Error.WriteLine($"error: {where}: {e.GetBaseException().Message}");
                return 1;
            }
        });
        var db = new Command("db", "The database of a cluster on PostgreSQL (Silo:Clustering:Provider AdoNet)");
        db.Subcommands.Add(init);
        return db;
    }

    private static string FromConfig(FileInfo file)
    {
        var settings = SiloConfigLoader.LoadFile(file.FullName);
        var clustering = settings.Options.Clustering;
        return clustering.Provider == ClusteringProvider.AdoNet && clustering.ConnectionString is { } text
            ? text
            : throw new ArgumentException($"{file.FullName}: Silo:Clustering:Provider is {clustering.Provider}, not AdoNet: it keeps no database.");
    }
}
