using System.Security.Cryptography.X509Certificates;
using HeteroOrleans.Hosting;
using HeteroOrleans.Hosting.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace HeteroOrleans.Tests.Security;

/// <summary>
/// A silo says which certificate is wrong rather than retrying to join for ever: its own, at start, where its cluster
/// would refuse it; its peers', once it has refused a few of them while joining.
/// </summary>
public sealed class SiloCertificateCheckTests
{
    private static readonly Dictionary<string, string?> Silo = new()
    {
        ["Silo:Name"] = "edge",
        ["Silo:Tiers:0"] = "Edge",
        ["Silo:Devices:0:Id"] = "edge-01",
        ["Silo:Devices:0:Tier"] = "Edge",
        ["Silo:Devices:0:Model"] = "resnet-tiny",
    };

    [Fact]
    public void A_certificate_another_authority_signed_stops_the_silo_at_start_naming_both()
    {
        var (ours, theirs) = (TestPaths.NewTempDirectory(), TestPaths.NewTempDirectory());
        ClusterCertificates.Create(ours, ["silo"], TimeSpan.FromDays(1));
        ClusterCertificates.Create(theirs, ["silo"], TimeSpan.FromDays(1));
        using var stranger = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(theirs, "silo.pfx"), null);
        using var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(ours, "ca.crt"));

        var refused = Assert.Throws<SiloConfigException>(() => SiloConfigLoader.LoadValues(
            Tls(Path.Combine(theirs, "silo.pfx"), Path.Combine(ours, "ca.crt")), "edge.json"));

        Assert.Contains("Silo:Tls:CertificatePath", refused.Message);
        Assert.Contains($"thumbprint {stranger.Thumbprint}", refused.Message);
        Assert.Contains($"is not signed by the authority CN=hetero cluster authority (thumbprint {authority.Thumbprint}", refused.Message);
        Assert.Contains("is valid only from", Assert.Single(SiloConfigLoader.LoadValues(Tls(Path.Combine(ours, "silo.pfx"), Path.Combine(ours, "ca.crt")), "edge.json")
            .Tls!.OwnCertificateProblems(DateTimeOffset.UtcNow.AddDays(3))));
    }

    [Fact]
    public void A_silo_still_joining_after_refusing_peers_of_another_authority_stops_naming_their_certificate()
    {
        var (ours, theirs) = (TestPaths.NewTempDirectory(), TestPaths.NewTempDirectory());
        ClusterCertificates.Create(ours, ["silo"], TimeSpan.FromDays(1));
        ClusterCertificates.Create(theirs, ["silo"], TimeSpan.FromDays(1));
        using var stranger = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(theirs, "silo.pfx"), null);
        var settings = SiloConfigLoader.LoadValues(Tls(Path.Combine(ours, "silo.pfx"), Path.Combine(ours, "ca.crt")), "edge.json");
        var time = new FakeTimeProvider();
        using var watch = new TlsJoinWatch(settings, CancellationToken.None, time);

        settings.Tls!.Refusals.Record(stranger);
        settings.Tls.Refusals.Record(stranger);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(watch.Token.IsCancellationRequested, "two refusals stopped the join");

        settings.Tls.Refusals.Record(stranger);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(watch.Token.IsCancellationRequested);
        Assert.Contains($"Silo 'edge' cannot join its cluster: it refused 3 connections", watch.Refused);
        Assert.Contains($"thumbprint {stranger.Thumbprint}", watch.Refused);
        Assert.Contains($"thumbprint {settings.Tls.Certificate.Thumbprint}", watch.Refused);
    }

    private static Dictionary<string, string?> Tls(string certificate, string authority) =>
        new(Silo) { ["Silo:Tls:CertificatePath"] = certificate, ["Silo:Tls:AuthorityPath"] = authority };
}
