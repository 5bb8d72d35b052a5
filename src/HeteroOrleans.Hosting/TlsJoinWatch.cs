namespace HeteroOrleans.Hosting;

/// <summary>
/// Watches a silo join its cluster over TLS: a silo whose peers present certificates it does not trust (another
/// cluster's authority) would retry joining for ever, so once it has refused a few connections and is still joining,
/// <see cref="Token"/> is cancelled and <see cref="Refused"/> says whose certificates they were.
/// </summary>
/// <remarks>The gateway opens only once the silo has joined, so clients' connections do not count here.</remarks>
public sealed class TlsJoinWatch : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
    private const int RefusalsToStop = 3;
    private readonly CancellationTokenSource _joining;
    private readonly ITimer _timer;

    /// <summary>Starts watching the join of the silo of <paramref name="settings"/>.</summary>
    public TlsJoinWatch(SiloSettings settings, CancellationToken cancellation, TimeProvider? time = null)
    {
        _joining = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _timer = (time ?? TimeProvider.System).CreateTimer(_ => Check(settings), null, Patience, Every);
    }

    /// <summary>Cancelled when the caller's token is, or when the silo stops trying to join.</summary>
    public CancellationToken Token => _joining.Token;

    /// <summary>Why the silo stopped trying to join; null while it may join.</summary>
    public string? Refused { get; private set; }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer.Dispose();
        _joining.Dispose();
    }

    private void Check(SiloSettings settings)
    {
        if (Refused is not null || settings.Tls is not { Refusals: { Count: >= RefusalsToStop, Last: { } last } refusals } tls)
        {
            return;
        }

        var trust = tls.Authority is null ? "trusted thumbprints do not list" : $"authority ({TlsRefusals.Describe(tls.Authority)}) did not sign";
        Refused = $"Silo '{settings.Name}' cannot join its cluster: it refused {refusals.Count} connections whose certificate its {trust}, the last " +
            $"{last}. Its own certificate is {TlsRefusals.Describe(tls.Certificate)}. Silos and clients of one cluster need certificates of one " +
            "authority ('hetero certs create', Silo:Tls:AuthorityPath).";
        _joining.Cancel();
    }
}
