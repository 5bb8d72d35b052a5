namespace HeteroOrleans.Hosting.Configuration;

/// <summary>Where silos find each other.</summary>
public enum ClusteringProvider
{
    /// <summary>Development clustering on one machine: every silo names the primary silo's endpoint.</summary>
    Localhost,

    /// <summary>Orleans' Redis membership table; needs a connection string.</summary>
    Redis,

    /// <summary>Orleans' ADO.NET membership table (e.g. PostgreSQL); needs a connection string and an invariant.</summary>
    AdoNet,

    /// <summary>
    /// Silos of one process sharing a membership table held outside all of them (<c>hetero bench chaos</c>): any of
    /// them may die and the others carry on. Not for silos in separate processes.
    /// </summary>
    InProcess,
}
