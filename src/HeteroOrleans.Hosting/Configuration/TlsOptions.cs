namespace HeteroOrleans.Hosting.Configuration;

/// <summary>Mutual TLS on every Orleans connection (<c>Silo:Tls</c>); off while no certificate is named.</summary>
public sealed class TlsOptions
{
    /// <summary>This silo's PKCS#12 (.pfx) certificate, with its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's password, if any (or give <see cref="PasswordFile"/>, or the HETERO_Silo__Tls__Password environment variable).</summary>
    public string? Password { get; set; }

    /// <summary>A file holding the certificate's password, for configs that must not hold it.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Thumbprints of the peers' certificates; empty: trust only this certificate (one shared by the cluster).</summary>
    public List<string> TrustedThumbprints { get; set; } = [];

    /// <summary>
    /// The cluster's certificate authority (<c>ca.crt</c> of <c>hetero certs create</c>): peers whose certificate it
    /// signed are trusted, and <see cref="TrustedThumbprints"/> is not needed.
    /// </summary>
    public string? AuthorityPath { get; set; }
}
