using System.Net;
using HeteroOrleans.Grains.Silos;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>Checks <c>Silo:Clustering</c>: a primary silo endpoint that parses, and a connection string where the provider needs one.</summary>
public sealed class ClusteringOptionsValidator : SectionValidator<ClusteringOptions>
{
    /// <inheritdoc />
    protected override string DefaultSection => $"{HeteroSiloOptions.SectionName}:Clustering";

    /// <inheritdoc />
    protected override void Check(string key, ClusteringOptions options, List<string> errors)
    {
        if (!IPEndPoint.TryParse(options.PrimarySiloEndpoint, out var primary) || primary.Port == 0)
        {
            errors.Add($"{key}:PrimarySiloEndpoint: '{options.PrimarySiloEndpoint}' is not an IP:port endpoint");
        }

        if (options.Provider is ClusteringProvider.Redis or ClusteringProvider.AdoNet && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{key}:ConnectionString: required for the {options.Provider} provider");
        }
    }
}
