using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Security;

public sealed class TlsTests
{
    [Fact]
    public async Task A_tls_cluster_serves_clients_with_its_certificate_and_refuses_others()
    {
        var folder = TestPaths.NewTempDirectory();
        var clusterCertificate = WriteSelfSigned(folder, "hetero-cluster");
        var rogueCertificate = WriteSelfSigned(folder, "rogue");
        await using var cluster = await TierCluster.DeployAsync(
            new Dictionary<string, (Tier, string[])> { ["Primary"] = (Tier.End, ["end-01"]), ["Secondary_1"] = (Tier.Edge, ["edge-01"]) },
            customize: b =>
            {
                // Real TCP, so that clients built outside the test cluster can reach its gateway.
                b.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
                b.Properties[TierSiloConfigurator.TlsCertificateKey] = clusterCertificate;
            });

        // The cluster's own client holds the certificate: silo-to-silo and client traffic work over TLS.
        Assert.Equal("edge-01", (await cluster.Client.GetDevice(Tier.Edge, "edge-01").GetStatusAsync()).Profile.Id);

        var gateway = cluster.Primary!.GatewayAddress!.Endpoint;
        await AssertRefusedAsync(cluster, gateway, TlsSettings.Load(rogueCertificate, TierSiloConfigurator.TlsPassword, []));
        await AssertRefusedAsync(cluster, gateway, tls: null);
        await AssertServedAsync(cluster, gateway, TlsSettings.Load(clusterCertificate, TierSiloConfigurator.TlsPassword, []));
    }

    [Fact]
    public async Task Silos_and_clients_with_certificates_of_the_clusters_authority_trust_one_another_and_refuse_another_authoritys()
    {
        var ours = Path.Combine(TestPaths.NewTempDirectory(), "certs");
        var theirs = Path.Combine(TestPaths.NewTempDirectory(), "certs");
        ClusterCertificates.Create(ours, ["silo", "client"], TimeSpan.FromDays(1));
        ClusterCertificates.Create(theirs, ["silo", "client"], TimeSpan.FromDays(1));
        await using var cluster = await TierCluster.DeployAsync(
            new Dictionary<string, (Tier, string[])> { ["Primary"] = (Tier.End, ["end-01"]), ["Secondary_1"] = (Tier.Edge, ["edge-01"]) },
            customize: b =>
            {
                b.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
                b.Properties[TierSiloConfigurator.TlsCertificateKey] = Path.Combine(ours, "silo.pfx");
                b.Properties[TierSiloConfigurator.TlsAuthorityKey] = Path.Combine(ours, ClusterCertificates.AuthorityFile);
            });
        Assert.Equal("edge-01", (await cluster.Client.GetDevice(Tier.Edge, "edge-01").GetStatusAsync()).Profile.Id);

        var gateway = cluster.Primary!.GatewayAddress!.Endpoint;
        await AssertRefusedAsync(cluster, gateway, TlsSettings.Load(Path.Combine(theirs, "client.pfx"), null, [], Path.Combine(ours, ClusterCertificates.AuthorityFile)));
        await AssertServedAsync(cluster, gateway, TlsSettings.Load(Path.Combine(ours, "client.pfx"), null, [], Path.Combine(ours, ClusterCertificates.AuthorityFile)));
    }

    private static async Task AssertRefusedAsync(TestCluster cluster, IPEndPoint gateway, TlsSettings? tls)
    {
        using var host = Client(cluster, gateway, tls);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StartAsync(timeout.Token);
            await host.Services.GetRequiredService<IClusterClient>().GetDeviceMonitor().GetDevicesAsync().WaitAsync(timeout.Token);
        });
    }

    private static async Task AssertServedAsync(TestCluster cluster, IPEndPoint gateway, TlsSettings tls)
    {
        using var host = Client(cluster, gateway, tls);
        await host.StartAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(await host.Services.GetRequiredService<IClusterClient>().GetDeviceMonitor().GetDevicesAsync());
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static IHost Client(TestCluster cluster, IPEndPoint gateway, TlsSettings? tls) =>
        Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true })
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(gateway);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.Options.ClusterId;
                    o.ServiceId = cluster.Options.ServiceId;
                });
                client.UseHeteroOrleans(tls);
            })
            .Build();

    private static string WriteSelfSigned(string folder, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(folder, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, TierSiloConfigurator.TlsPassword));
        return path;
    }
}
