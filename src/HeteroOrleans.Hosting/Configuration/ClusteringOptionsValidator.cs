namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Checks <c>Silo:Clustering</c> for what its provider uses: localhost clustering a primary silo endpoint that parses,
/// Redis and ADO.NET a connection string (and ADO.NET an invariant name). Settings a provider does not read are not held
/// against it.
/// </summary>
public sealed class ClusteringOptionsValidator : SectionValidator<ClusteringOptions>
{
    /// <inheritdoc />
    protected override string DefaultSection => $"{HeteroSiloOptions.SectionName}:Clustering";

    /// <inheritdoc />
    protected override void Check(string key, ClusteringOptions options, List<string> errors)
    {
        var needsConnection = options.Provider is ClusteringProvider.Redis or ClusteringProvider.AdoNet;
        var problem = options.Provider switch
        {
            ClusteringProvider.Localhost when !IPEndPoint.TryParse(options.PrimarySiloEndpoint, out var primary) || primary.Port == 0 =>
                $"PrimarySiloEndpoint: '{options.PrimarySiloEndpoint}' is not an IP:port endpoint",
            _ when needsConnection && string.IsNullOrWhiteSpace(options.ConnectionString) =>
                $"ConnectionString: required for the {options.Provider} provider",
            ClusteringProvider.AdoNet when string.IsNullOrWhiteSpace(options.AdoNetInvariant) =>
                "AdoNetInvariant: required for the AdoNet provider (Npgsql for PostgreSQL)",
            _ => null,
        };
        if (problem is not null)
        {
            errors.Add($"{key}:{problem}");
        }
    }
}
