using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace HeteroOrleans.Grains.Silos;

/// <summary>
/// Mutual TLS on every Orleans connection (silo to silo, client to gateway): each side presents
/// <see cref="Certificate"/> and accepts only peers whose certificate its cluster's authority signed, or, without an
/// authority, whose certificate thumbprint it trusts.
/// </summary>
/// <param name="Certificate">This process's certificate, with its private key.</param>
/// <param name="TrustedThumbprints">Thumbprints of the peers' certificates; empty: trust only this certificate (one certificate shared by the cluster).</param>
/// <param name="Authority">The cluster's certificate authority (<c>hetero certs create</c>): peers it signed are trusted, whatever their thumbprint.</param>
public sealed record TlsSettings(X509Certificate2 Certificate, IReadOnlySet<string> TrustedThumbprints, X509Certificate2? Authority = null)
{
    /// <summary>Loads a PKCS#12 (.pfx) certificate, and the authority's certificate when <paramref name="authorityPath"/> names one.</summary>
    /// <exception cref="ArgumentException">A file is missing or cannot be read (with the password).</exception>
    public static TlsSettings Load(string pfxPath, string? password, IEnumerable<string> trustedThumbprints, string? authorityPath = null)
    {
        var authority = authorityPath is null ? null : LoadAuthority(authorityPath);
        if (!File.Exists(pfxPath))
        {
            throw new ArgumentException($"{pfxPath}: TLS certificate file not found.");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password);
            return new TlsSettings(certificate, trustedThumbprints.Select(t => t.ToUpperInvariant()).ToHashSet(), authority);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ArgumentException($"{pfxPath}: cannot read the TLS certificate ({e.Message}).");
        }
    }

    /// <summary>The peers' certificates refused so far.</summary>
    public TlsRefusals Refusals { get; } = new();

    /// <summary>
    /// Why peers set up as this process is (the same authority or thumbprints) would refuse its own certificate at
    /// <paramref name="now"/>: no private key, out of its validity, not signed by the authority, or a thumbprint not
    /// trusted. Empty when they would accept it.
    /// </summary>
    public IReadOnlyList<string> OwnCertificateProblems(DateTimeOffset now)
    {
        var problems = new List<string>();
        if (!Certificate.HasPrivateKey)
        {
            problems.Add("has no private key (export it with its key, as a .pfx)");
        }

        if (now < Certificate.NotBefore || now > Certificate.NotAfter)
        {
            problems.Add($"is valid only from {Certificate.NotBefore:u} to {Certificate.NotAfter:u}");
        }

        if (Authority is { } authority && !ClusterCertificates.SignedBy(Certificate, authority))
        {
            problems.Add($"is not signed by the authority {TlsRefusals.Describe(authority)}: the cluster's members, trusting it, would refuse it");
        }
        else if (Authority is null && TrustedThumbprints.Count > 0 && !TrustedThumbprints.Contains(Certificate.Thumbprint.ToUpperInvariant()))
        {
            problems.Add("is not among the trusted thumbprints: peers trusting the same ones would refuse it");
        }

        return problems;
    }

    /// <summary>Applies these settings to Orleans' TLS options: certificate required both ways, thumbprints checked.</summary>
    public void Configure(TlsOptions options)
    {
        var trusted = TrustedThumbprints.Count > 0 ? TrustedThumbprints : new HashSet<string> { Certificate.Thumbprint.ToUpperInvariant() };
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;

        // Cluster certificates do not chain to a public root: trust is the cluster's authority, or else the thumbprint.
        options.RemoteCertificateValidation = (certificate, _, _) =>
        {
            var accepted = certificate is not null && (Authority is { } authority
                ? ClusterCertificates.SignedBy(certificate, authority)
                : trusted.Contains(certificate.GetCertHashString().ToUpperInvariant()));
            if (!accepted && certificate is not null)
            {
                Refusals.Record(certificate);
            }

            return accepted;
        };
    }

    private static X509Certificate2 LoadAuthority(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"{path}: certificate authority file not found (hetero certs create writes {ClusterCertificates.AuthorityFile}).");
        }

        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ArgumentException($"{path}: cannot read the certificate authority ({e.Message}).");
        }
    }
}
