using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>Makes the test cluster's own client a HeteroOrleans client, with the cluster's TLS certificate when the test asked for TLS.</summary>
public sealed class HeteroClientConfigurator : IClientBuilderConfigurator
{
    /// <inheritdoc />
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseHeteroOrleans(TierSiloConfigurator.TlsFrom(configuration));
}
