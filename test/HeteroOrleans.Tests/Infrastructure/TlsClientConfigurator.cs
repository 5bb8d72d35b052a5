using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>Gives the test cluster's own client the cluster's TLS certificate, when the test asked for TLS.</summary>
public sealed class TlsClientConfigurator : IClientBuilderConfigurator
{
    /// <inheritdoc />
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseHeteroTls(TierSiloConfigurator.TlsFrom(configuration));
}
