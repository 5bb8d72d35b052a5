using System.Security.Cryptography.X509Certificates;

namespace HeteroOrleans.UnitTests.Security;

public sealed class ClusterCertificatesTests
{
    [Fact]
    public void Certificates_the_authority_made_are_trusted_by_it_and_not_by_another_and_their_keys_are_private()
    {
        var ours = Path.Combine(Path.GetTempPath(), $"hetero-certs-{Guid.NewGuid():N}");
        var theirs = Path.Combine(Path.GetTempPath(), $"hetero-certs-{Guid.NewGuid():N}");
        try
        {
            var files = ClusterCertificates.Create(ours, ["silo", "client"], TimeSpan.FromDays(1));
            ClusterCertificates.Create(theirs, ["silo"], TimeSpan.FromDays(1));

            Assert.Equal(["ca.crt", "ca.pfx", "silo.pfx", "client.pfx"], files.Select(Path.GetFileName));
            using var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(ours, "ca.crt"));
            using var client = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(ours, "client.pfx"), null);
            using var stranger = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(theirs, "silo.pfx"), null);
            Assert.True(client.HasPrivateKey);
            Assert.True(ClusterCertificates.SignedBy(client, authority));
            Assert.False(ClusterCertificates.SignedBy(stranger, authority));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(ours, "client.pfx")));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(ours, "ca.pfx")));
            }

            // A second authority in the same folder would leave the first one's certificates untrusted: refused.
            Assert.Contains("exists already", Assert.Throws<ArgumentException>(() => ClusterCertificates.Create(ours, ["silo"], TimeSpan.FromDays(1))).Message);
            Assert.Contains("plain file name", Assert.Throws<ArgumentException>(() => ClusterCertificates.Create(theirs, ["../x"], TimeSpan.FromDays(1))).Message);
        }
        finally
        {
            foreach (var folder in new[] { ours, theirs }.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
