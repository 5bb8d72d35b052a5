namespace HeteroOrleans.Hosting.Configuration;

/// <summary>How a silo joins its cluster (<c>Silo:Clustering</c>).</summary>
public sealed class ClusteringOptions
{
    /// <summary>The membership provider. Default <see cref="ClusteringProvider.Localhost"/>.</summary>
    public ClusteringProvider Provider { get; set; } = ClusteringProvider.Localhost;

    /// <summary>Localhost clustering: the primary silo's endpoint. Default 127.0.0.1:11111.</summary>
    public string PrimarySiloEndpoint { get; set; } = "127.0.0.1:11111";

    /// <summary>Redis or ADO.NET: the membership store (jobs are kept there too). Required for those providers.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>ADO.NET: the provider invariant name. Default <c>Npgsql</c>.</summary>
    public string AdoNetInvariant { get; set; } = "Npgsql";

    /// <summary>
    /// ADO.NET on PostgreSQL: the silo applies the shipped schema at start where the database lacks it (as
    /// <c>hetero db init</c> does). Default false: a database without it stops the silo, naming the command that applies it.
    /// </summary>
    public bool CreateSchema { get; set; }

    /// <summary>Whether the store is PostgreSQL (ADO.NET through Npgsql), whose schema this system ships.</summary>
    public bool OnPostgreSql => Provider == ClusteringProvider.AdoNet && string.Equals(AdoNetInvariant, "Npgsql", StringComparison.OrdinalIgnoreCase);
}
