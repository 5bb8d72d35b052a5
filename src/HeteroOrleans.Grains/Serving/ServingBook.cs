using HeteroOrleans.Grains.Jobs;

namespace HeteroOrleans.Grains.Serving;

/// <summary>
/// The inference service's book of requests: who is admitted (within the admission limit, of which the last share is
/// kept for high priority), the counts by outcome, and how long a refused caller should wait, from the rate at which
/// requests have been answered lately.
/// </summary>
internal sealed class ServingBook(ServingOptions options, TimeProvider time) : IBatchObserver
{
    // The admission limit never falls below this: a few requests always get in, to measure how fast batches come back.
    private const int FloorLimit = 8;
    private const int RecentEnds = 256;
    private const double MinReplyMarginMs = 2;
    private readonly AdmissionLimit _limit = new(Math.Min(FloorLimit, options.MaxInFlight), options.MaxInFlight, time);
    private static readonly TimeSpan MinRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(5);
    private readonly Queue<long> _recentEnds = new();
    private long _fineInTime;
    private long _coarseAtDeadline;
    private long _refused;
    private long _cancelled;
    private long _expired;

    /// <summary>Requests admitted and not yet answered.</summary>
    public int InFlight { get; private set; }

    /// <summary>Requests that may be in flight now: the admission limit.</summary>
    public int Limit => _limit.Current;

    /// <summary>How late the service's timer runs, smoothed.</summary>
    public double LagMs => _limit.LagMs;

    /// <summary>
    /// How long before its deadline a request's answer should leave the service, so that it reaches its caller by then:
    /// a few milliseconds for the way back, and more while the service's own turns run late (every core busy), at most a
    /// twentieth of the deadline.
    /// </summary>
    public TimeSpan ReplyMargin(TimeSpan deadline) =>
        TimeSpan.FromMilliseconds(Math.Min(deadline.TotalMilliseconds / 20, MinReplyMarginMs + (2 * LagMs)));

    // The room of normal-priority requests: the limit less the high-priority share.
    private int NormalRoom => (int)Math.Floor(Limit * (1 - options.HighPriorityShare));

    /// <summary>The counts so far.</summary>
    public (long FineInTime, long CoarseAtDeadline, long Refused, long Cancelled, long Expired) Outcomes =>
        (_fineInTime, _coarseAtDeadline, _refused, _cancelled, _expired);

    /// <summary>Admits a request of <paramref name="priority"/> when there is room for its class; false (counted as refused) when there is none.</summary>
    public bool TryAdmit(RequestPriority priority)
    {
        var room = priority == RequestPriority.High ? Limit : NormalRoom;
        if (InFlight >= Math.Max(1, room))
        {
            _refused++;
            HeteroMetrics.ServeRequests.Add(1, new KeyValuePair<string, object?>("outcome", nameof(ServeOutcome.Refused)));
            return false;
        }

        InFlight++;
        return true;
    }

    /// <inheritdoc />
    public void Passed(double passMs, int requests, double deadlineMs, long sentAt) => _limit.Observe(passMs, requests, InFlight, deadlineMs, sentAt);

    /// <inheritdoc />
    public void CoarseWaited(double waitedMs, double budgetMs) => _limit.ObserveCoarse(waitedMs, budgetMs, InFlight);

    /// <inheritdoc />
    public void DroppedLate(double passMs, int requests, double deadlineMs, long sentAt) => _limit.Dropped(passMs, requests, InFlight, deadlineMs, sentAt);

    /// <summary>The service's timer ran <paramref name="lagMs"/> late: the admission limit follows.</summary>
    public void Lagged(double lagMs) => _limit.ObserveLag(lagMs, InFlight);

    /// <summary>Counts a request refused before it could be admitted (no device of a role it needs).</summary>
    public void Refused()
    {
        _refused++;
        HeteroMetrics.ServeRequests.Add(1, new KeyValuePair<string, object?>("outcome", nameof(ServeOutcome.Refused)));
    }

    /// <summary>An admitted request ended with <paramref name="outcome"/> after <paramref name="latencyMs"/>: its room is free again.</summary>
    public void Ended(ServeOutcome outcome, double latencyMs)
    {
        InFlight--;
        var tag = new KeyValuePair<string, object?>("outcome", outcome.ToString());
        HeteroMetrics.ServeRequests.Add(1, tag);
        HeteroMetrics.ServeLatency.Record(latencyMs / 1000, tag);
        switch (outcome)
        {
            case ServeOutcome.FineInTime: _fineInTime++; break;
            case ServeOutcome.CoarseAtDeadline: _coarseAtDeadline++; break;
            case ServeOutcome.Cancelled: _cancelled++; break;
            case ServeOutcome.Expired: _expired++; _limit.Expired(InFlight, time.GetTimestamp() - (long)(latencyMs * time.TimestampFrequency / 1000)); break;
            default: _refused++; break;
        }

        _recentEnds.Enqueue(time.GetTimestamp());
        while (_recentEnds.Count > RecentEnds)
        {
            _recentEnds.Dequeue();
        }
    }

    /// <summary>How long a refused caller should wait: about the time the requests in flight take to drain.</summary>
    public TimeSpan RetryAfter()
    {
        if (_recentEnds.Count < 2)
        {
            return MaxRetry;
        }

        var span = time.GetElapsedTime(_recentEnds.Peek());
        var perRequest = span / _recentEnds.Count;
        var drain = perRequest * Math.Max(1, InFlight - NormalRoom + 1);
        return drain < MinRetry ? MinRetry : drain > MaxRetry ? MaxRetry : drain;
    }
}
