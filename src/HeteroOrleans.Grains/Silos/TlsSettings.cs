using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace HeteroOrleans.Grains.Silos;

/// <summary>
/// Mutual TLS on every Orleans connection (silo to silo, client to gateway): each side presents
/// <see cref="Certificate"/> and accepts only peers whose certificate thumbprint it trusts.
/// </summary>
/// <param name="Certificate">This process's certificate, with its private key.</param>
/// <param name="TrustedThumbprints">Thumbprints of the peers' certificates; empty: trust only this certificate (one certificate shared by the cluster).</param>
public sealed record TlsSettings(X509Certificate2 Certificate, IReadOnlySet<string> TrustedThumbprints)
{
    /// <summary>Loads a PKCS#12 (.pfx) certificate.</summary>
    /// <exception cref="ArgumentException">The file is missing or cannot be read with the password.</exception>
    public static TlsSettings Load(string pfxPath, string? password, IEnumerable<string> trustedThumbprints)
    {
        if (!File.Exists(pfxPath))
        {
            throw new ArgumentException($"{pfxPath}: TLS certificate file not found.");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password);
            return new TlsSettings(certificate, trustedThumbprints.Select(t => t.ToUpperInvariant()).ToHashSet());
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ArgumentException($"{pfxPath}: cannot read the TLS certificate ({e.Message}).");
        }
    }

    /// <summary>Applies these settings to Orleans' TLS options: certificate required both ways, thumbprints checked.</summary>
    public void Configure(TlsOptions options)
    {
        var trusted = TrustedThumbprints.Count > 0 ? TrustedThumbprints : new HashSet<string> { Certificate.Thumbprint.ToUpperInvariant() };
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;

        // Self-signed cluster certificates do not chain to a public root: trust is the thumbprint, nothing else.
        options.RemoteCertificateValidation = (certificate, _, _) =>
            certificate is not null && trusted.Contains(certificate.GetCertHashString().ToUpperInvariant());
    }
}
