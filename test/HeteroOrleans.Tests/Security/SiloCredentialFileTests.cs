using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HeteroOrleans.Hosting.Configuration;

namespace HeteroOrleans.Tests.Security;

/// <summary>Secrets a silo config names by file: a certificate's password and the web port's token.</summary>
public sealed class SiloCredentialFileTests
{
    private static readonly Dictionary<string, string?> Silo = new()
    {
        ["Silo:Tiers:0"] = "End",
        ["Silo:Devices:0:Id"] = "end-01",
        ["Silo:Devices:0:Tier"] = "End",
        ["Silo:Devices:0:Model"] = "mobilenet-tiny",
    };

    [Fact]
    public void A_certificates_password_comes_from_its_file_and_a_missing_file_or_short_token_is_named_by_its_key()
    {
        var folder = TestPaths.NewTempDirectory();
        var (pfx, passwordFile) = (Path.Combine(folder, "silo.pfx"), Path.Combine(folder, "password"));
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            using var certificate = new CertificateRequest("CN=silo", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "s3cret pass"));
        }

        File.WriteAllText(passwordFile, "s3cret pass\n");
        var settings = SiloConfigLoader.LoadValues(With(("Silo:Tls:CertificatePath", pfx), ("Silo:Tls:PasswordFile", passwordFile)), "silo.json");
        Assert.Equal("CN=silo", settings.Tls!.Certificate.Subject);

        var missing = Assert.Throws<SiloConfigException>(() => SiloConfigLoader.LoadValues(
            With(("Silo:Tls:CertificatePath", pfx), ("Silo:Tls:PasswordFile", Path.Combine(folder, "gone"))), "silo.json"));
        Assert.Contains("Silo:Tls:PasswordFile:", missing.Message);

        var token = Path.Combine(folder, "web.token");
        File.WriteAllText(token, "short\n");
        var shortToken = Assert.Throws<SiloConfigException>(() => SiloConfigLoader.LoadValues(With(("Silo:Dashboard:TokenFile", token)), "silo.json"));
        Assert.Contains("Silo:Dashboard:TokenFile:", shortToken.Message);
        Assert.Contains("at least 32", shortToken.Message);
    }

    private static Dictionary<string, string?> With(params (string Key, string Value)[] values)
    {
        var all = new Dictionary<string, string?>(Silo);
        foreach (var (key, value) in values)
        {
            all[key] = value;
        }

        return all;
    }
}
