namespace HeteroOrleans.Hosting.Configuration;

/// <summary>Where the Orleans dashboard and the device page listen (<c>Silo:Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    /// <summary>Address to listen on. Default 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one. Default 8080.</summary>
    public int Port { get; set; } = 8080;
}
