using System.Net;

namespace HeteroOrleans.Silo.Configuration;

/// <summary>How a silo joins its cluster.</summary>
/// <param name="Provider">The membership provider. Default <see cref="ClusteringProvider.Localhost"/>.</param>
/// <param name="PrimarySiloEndpoint">Localhost clustering: the primary silo's endpoint. Default 127.0.0.1:11111.</param>
/// <param name="ConnectionString">Redis or ADO.NET: the membership store.</param>
/// <param name="AdoNetInvariant">ADO.NET: the provider invariant name. Default <c>Npgsql</c>.</param>
public sealed record ClusteringSettings(
    ClusteringProvider Provider,
    IPEndPoint PrimarySiloEndpoint,
    string? ConnectionString,
    string AdoNetInvariant);
