namespace HeteroOrleans.Hosting.Configuration;

/// <summary>Where the Orleans dashboard and the device page listen (<c>Silo:Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    /// <summary>Address to listen on. Default 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>
    /// A file holding the token every request to the web port but <c>/health/*</c> must carry
    /// (<c>Authorization: Bearer TOKEN</c>): the dashboard, device page, metrics and inference endpoint. Required when
    /// <see cref="Host"/> is beyond loopback (unless <c>Silo:AllowInsecure</c>); <c>hetero certs token FILE</c> writes one.
    /// </summary>
    public string? TokenFile { get; set; }

    /// <summary>Port to listen on; 0 picks a free one. Default 8080.</summary>
    public int Port { get; set; } = 8080;
}
