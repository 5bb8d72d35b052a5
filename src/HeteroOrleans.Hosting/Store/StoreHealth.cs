namespace HeteroOrleans.Hosting.Store;

/// <summary>
/// Whether the membership store answers, as the silo last saw it: read by <c>/health/ready</c>, which reports the silo
/// degraded (it serves on, with the membership it knows) while the store does not answer.
/// </summary>
public sealed class StoreHealth
{
    private volatile Outage? _outage;

    /// <summary>Why the silo is degraded, with how long it has been; null while the store answers.</summary>
    public string? Degraded(DateTimeOffset now) =>
        _outage is { } outage
            ? $"the membership store has not answered for {(now - outage.Since).TotalSeconds:F0} s ({outage.Reason}); the silo serves on with the membership it knows"
            : null;

    /// <summary>The store stopped answering at <paramref name="since"/>; true when this starts an outage (the caller says so once).</summary>
    public bool Failed(DateTimeOffset since, string reason)
    {
        if (_outage is not null)
        {
            return false;
        }

        _outage = new Outage(since, reason);
        return true;
    }

    /// <summary>The store answers; how long it had not, or null when it had.</summary>
    public TimeSpan? Answered(DateTimeOffset now)
    {
        var outage = _outage;
        _outage = null;
        return outage is null ? null : now - outage.Since;
    }

    private sealed record Outage(DateTimeOffset Since, string Reason);
}
