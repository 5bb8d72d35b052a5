using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HeteroOrleans.Grains.Silos;

/// <summary>
/// A cluster's own certificate authority and the certificates it signs: one per silo and per client, each good for
/// both ends of a mutual-TLS connection. Peers trust one another by the authority, so a silo or client added later
/// needs only a certificate from it, and no peer's config changes.
/// </summary>
public static class ClusterCertificates
{
    /// <summary>The authority's public certificate, which every peer trusts.</summary>
    public const string AuthorityFile = "ca.crt";

    /// <summary>The authority with its private key, for signing more certificates later: keep it off the silos.</summary>
    public const string AuthorityKeyFile = "ca.pfx";

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>
    /// Writes into <paramref name="directory"/> a new authority (<see cref="AuthorityFile"/>, <see cref="AuthorityKeyFile"/>)
    /// and a certificate signed by it for each of <paramref name="names"/> (<c>NAME.pfx</c>, with its private key, no
    /// password: the files are readable by their owner only), valid for <paramref name="validity"/>.
    /// </summary>
    /// <returns>The files written.</returns>
    /// <exception cref="ArgumentException">A name is not a plain file name, or a file to write exists already.</exception>
    public static IReadOnlyList<string> Create(string directory, IReadOnlyList<string> names, TimeSpan validity)
    {
        foreach (var name in names.Where(n => n.Length == 0 || n.IndexOfAny(['/', '\\', ' ']) >= 0 || n.StartsWith('.') || n == "ca"))
        {
            throw new ArgumentException($"'{name}': a certificate name must be a plain file name (letters, digits, '-', '_'), and not 'ca'.");
        }

        var files = new[] { AuthorityFile, AuthorityKeyFile }.Concat(names.Select(n => $"{n}.pfx")).Select(f => Path.Combine(directory, f)).ToList();
        if (files.FirstOrDefault(File.Exists) is { } existing)
        {
            throw new ArgumentException($"{existing}: exists already; a new authority would not trust the certificates of the old one. Use another folder.");
        }

        Directory.CreateDirectory(directory);
        var (from, until) = (DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.Add(validity));
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=hetero cluster authority", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        using var authority = authorityRequest.CreateSelfSigned(from, until);
        SecretFiles.Write(files[0], authority.Export(X509ContentType.Cert), ownerOnly: false);
        SecretFiles.Write(files[1], authority.Export(X509ContentType.Pfx));

        foreach (var (name, path) in names.Zip(files.Skip(2)))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
            var subjectNames = new SubjectAlternativeNameBuilder();
            subjectNames.AddDnsName(name);
            request.CertificateExtensions.Add(subjectNames.Build());
            using var signed = request.Create(authority, from, until, RandomNumberGenerator.GetBytes(16));
            using var withKey = signed.CopyWithPrivateKey(key);
            SecretFiles.Write(path, withKey.Export(X509ContentType.Pfx));
        }

        return files;
    }

    /// <summary>Whether <paramref name="certificate"/> was signed by <paramref name="authority"/> and is valid now.</summary>
    public static bool SignedBy(X509Certificate certificate, X509Certificate2 authority)
    {
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }
}
