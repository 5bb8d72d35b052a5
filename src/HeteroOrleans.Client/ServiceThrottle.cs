using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Client;

/// <summary>
/// Client-side load shedding, as the Google SRE book's adaptive throttling and Ray Serve's handle-side
/// <c>max_queued_requests</c> do it: a request the service would refuse costs the cluster its reading all the same (the
/// pixels sent, received, read, and a turn of the service), so while the service refuses much of what this client
/// sends, the client refuses a share itself, without asking. Per priority class, it counts requests (sent or not) and those
/// the service admitted over about the last <see cref="Window"/>; a request is refused here with the probability
/// <c>max(0, (requests − K × admitted) / (requests + 10))</c>, K = <see cref="Headroom"/>. So the client sends about K
/// times what the service admits: the tenth more tells it within a window when the service has room again (its admission
/// limit grows back a twentieth a pass), and a service that refuses less than one request in eleven is never
/// second-guessed.
/// </summary>
internal sealed class ServiceThrottle(TimeProvider time, Random random)
{
    /// <summary>How far past what the service admits the client keeps sending (the SRE book's K).</summary>
    public const double Headroom = 1.1;

    /// <summary>
    /// About how long the counts remember (what the service admitted this long ago fades to a third): about one pass of a
    /// request through the hierarchy, over which the service's admission limit moves.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    // The SRE book's formula divides by requests + 1; over a few requests that makes one refusal hold back every other
    // request. Divided by requests + 10, a handful of refusals hold back little; thousands, as many as the formula says.
    private const double Evidence = 10;

    private readonly Lock _gate = new();

    // Per class (normal, high): requests sent and those the service admitted, faded to now from the timestamp _at.
    private readonly double[] _requests = new double[2];
    private readonly double[] _admitted = new double[2];
    private readonly long[] _at = new long[2];
    private TimeSpan _retryAfter = TimeSpan.FromSeconds(1);

    /// <summary>The service's latest retry hint: what a request refused here tells its caller.</summary>
    public TimeSpan RetryAfter
    {
        get
        {
            lock (_gate)
            {
                return _retryAfter;
            }
        }
    }

    /// <summary>
    /// Whether to refuse a request of <paramref name="priority"/> here (counted at once); if not, <see cref="Answered"/>
    /// counts it when the service has answered it. <paramref name="admittedShare"/>: the share of its class's requests
    /// the service admitted lately (those held back here count as not admitted, as in the SRE book).
    /// </summary>
    public bool Refuses(RequestPriority priority, out double admittedShare)
    {
        lock (_gate)
        {
            var c = Fade(priority);
            var chance = (_requests[c] - (Headroom * _admitted[c])) / (_requests[c] + Evidence);
            var refuses = chance > 0 && random.NextDouble() < chance;
            _requests[c] += refuses ? 1 : 0;
            admittedShare = _requests[c] <= 0 ? 1 : Math.Clamp(_admitted[c] / _requests[c], 0, 1);
            return refuses;
        }
    }

    /// <summary>
    /// The service answered a request of <paramref name="priority"/> that <see cref="Refuses"/> let through. It is counted
    /// now, not when it was sent: the service refuses at once but answers an admitted request a deadline later, and
    /// counting requests in flight as if refused would hold back about the share of the window a deadline is.
    /// </summary>
    public void Answered(RequestPriority priority, ServeReply reply)
    {
        lock (_gate)
        {
            var c = Fade(priority);
            _requests[c]++;
            if (reply.Outcome != ServeOutcome.Refused)
            {
                _admitted[c]++;
            }
            else if (reply.RetryAfter > TimeSpan.Zero)
            {
                _retryAfter = reply.RetryAfter;
            }
        }
    }

    // The class's counts faded for the time since they were last touched; its index.
    private int Fade(RequestPriority priority)
    {
        var c = priority == RequestPriority.High ? 1 : 0;
        var now = time.GetTimestamp();
        if (_at[c] != 0)
        {
            var fade = Math.Exp(-time.GetElapsedTime(_at[c], now) / Window);
            _requests[c] *= fade;
            _admitted[c] *= fade;
        }

        _at[c] = now;
        return c;
    }
}
