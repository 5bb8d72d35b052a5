namespace HeteroOrleans.Silo.Configuration;

/// <summary>Where silos find each other.</summary>
public enum ClusteringProvider
{
    /// <summary>Development clustering on one machine: every silo names the primary silo's endpoint.</summary>
    Localhost,

    /// <summary>Orleans' Redis membership table; needs a connection string.</summary>
    Redis,

    /// <summary>Orleans' ADO.NET membership table (e.g. PostgreSQL); needs a connection string and an invariant.</summary>
    AdoNet,
}
