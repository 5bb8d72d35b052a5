using System.Security.Cryptography.X509Certificates;

namespace HeteroOrleans.Grains.Silos;

/// <summary>
/// The peers' certificates a process refused on its TLS connections: a silo that cannot join its cluster says whose
/// certificate it did not trust, rather than retrying without a word.
/// </summary>
public sealed class TlsRefusals
{
    private int _count;
    private string? _last;

    /// <summary>Connections refused so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The last certificate refused, described; null before the first.</summary>
    public string? Last => Volatile.Read(ref _last);

    /// <summary>Counts a connection refused for <paramref name="certificate"/>.</summary>
    public void Record(X509Certificate certificate)
    {
        Volatile.Write(ref _last, Describe(certificate));
        Interlocked.Increment(ref _count);
    }

    /// <summary>A certificate as an operator finds it: subject, thumbprint and issuer.</summary>
    public static string Describe(X509Certificate certificate) =>
        $"{certificate.Subject} (thumbprint {certificate.GetCertHashString()}, issued by {certificate.Issuer})";
}
