namespace HeteroOrleans.Grains.Serving;

/// <summary>
/// How many requests the service lets in at once, found as TCP Vegas and Clipper's AIMD find theirs: it starts at the
/// ceiling; when batches come back markedly slower than the fastest seen, work is queueing somewhere (a device, a core,
/// a link), and the limit is cut to nine tenths of what is in use (the requests in flight, or the limit when nearly all
/// of it is), at most once per fastest pass. While batches come back about as fast as ever it grows, by one for each
/// request answered with the limit nearly used and by half at most once per fastest pass (TCP's slow start) — but where
/// a cut left it, by a twentieth of a pass only (TCP's congestion avoidance), so that under overload it creeps back to
/// the knee the cut found rather than leaping past it into the queueing that would cut it again. So past saturation the
/// service refuses what it cannot answer in time, rather than letting every request wait longer, and at light load the
/// limit never binds. While passes slow, the service's own lag (how late its timers run: the machine's cores are all
/// busy) cuts the limit too, as do coarse answers slow for their deadline; so does a share of more than one request in
/// ten whose fine stage a device gave up, too busy to answer it in time; requests that expire always do: late answers
/// are as bad as slow ones. Whatever the signal, the limit is cut at most once per fastest pass.
/// </summary>
internal sealed class AdmissionLimit(int floor, int ceiling, TimeProvider time)
{
    // A batch this much slower than the fastest (and 20 ms more, for jitter) means queueing.
    private const double SlowerBy = 1.25;
    private const double JitterMs = 20;
    private const double NearlySlowerBy = 1.1;
    private const double DeadlineShare = 0.95;
    private const double Cut = 0.9;
    private const double Growth = 1.5;
    private const double AvoidanceGrowth = 0.05;
    private const double LightLoad = 0.5;
    private const double NearlyUsed = 0.8;

    // A cut to a few requests (the first, slowed by a model loading) tells nothing of the knee: below this many times
    // the floor the limit always grows fast.
    private const int SlowStartFloor = 8;
    private const double Smoothing = 0.1;

    // Lag and coarse waits are read many times a second: smoothed over about half a second, so that the jolt of a
    // sudden step in load (threads starting, code warming) does not read as saturation. One sample weighs at least
    // what the time since the last one is worth, and counts at most a few times the limit: signals that come rarely
    // (a few requests in flight) fade as fast as frequent ones, and the seconds a model takes to load on the first
    // request do not hold the limit down long after.
    private const double SlowSmoothing = 0.03;
    private const double FadeMs = 300;
    private const double MostOverLimit = 4;
    private const double Creep = 0.001;

    // The share of requests whose fine stage a device gave up (too busy to answer by the deadline), smoothed over about
    // this many requests; past DroppedShareLimit the service lets in more than its devices answer in time.
    private const double DroppedOver = 1000;
    private const double DroppedShareLimit = 0.1;
    private double _droppedShare;

    private double _limit = ceiling;
    private double _fastestMs = double.PositiveInfinity;
    private double _typicalMs = double.NaN;
    private const double LagLimitMs = 10;
    private const double LagCutEveryMs = 100;
    private double _lagMs;
    private double _coarseLoad;
    private long _coarseAt;
    private long _cutAt;
    private long _grownAt;

    // TCP's slow-start threshold: the limit a cut left. Below it the limit grows fast (by half a pass); at or above it,
    // where the last cut found the service's knee, by a twentieth of a pass, so that it comes back to the knee rather
    // than leaping past it into the queueing that cuts it again. Light load (the limit far from binding) clears it.
    private double _threshold = double.PositiveInfinity;

    /// <summary>Requests that may be in flight now.</summary>
    public int Current => (int)_limit;

    /// <summary>How late the service's timer runs, smoothed.</summary>
    public double LagMs => _lagMs;

    /// <summary>The pass of the fastest batch seen, dispatch to answer; infinite before the first.</summary>
    public double FastestMs => _fastestMs;

    /// <summary>
    /// A batch's coarse answer took <paramref name="waitedMs"/> from its oldest request's arrival, of the
    /// <paramref name="budgetMs"/> its deadline allows: smoothed, more than the budget means requests queue (for a
    /// batch, for room on a device, for a core), and the limit is cut.
    /// </summary>
    public void ObserveCoarse(double waitedMs, double budgetMs, int inFlight)
    {
        var load = Math.Min(MostOverLimit, waitedMs / Math.Max(1, budgetMs));
        _coarseLoad += Weight(ref _coarseAt) * (load - _coarseLoad);
        if (CoarseQueueing)
        {
            CutTo(inFlight, LagCutEveryMs);
        }
    }

    /// <summary>
    /// An admitted request expired unanswered, with <paramref name="inFlight"/> admitted: the plainest sign of too many,
    /// cut at once, unless it was admitted (at the timestamp <paramref name="admittedAt"/>; default now) before the last
    /// cut, and so tells of the load the cut already answered.
    /// </summary>
    public void Expired(int inFlight, long? admittedAt = null)
    {
        if (!Stale(admittedAt))
        {
            CutTo(inFlight, LagCutEveryMs);
        }
    }

    /// <summary>
    /// A device gave up a batch of <paramref name="requests"/> (sent at the timestamp <paramref name="sentAt"/>) too busy
    /// to answer it by <paramref name="deadlineMs"/>, <paramref name="passMs"/> after it was sent: a pass at least as
    /// long as the deadline. The odd one is no sign of too many requests: with a deadline a little past the links' round
    /// trip, devices give up a few batches in a hundred at any load (answered coarse, in time). More than one request in
    /// ten is, and cuts the limit.
    /// </summary>
    public void Dropped(double passMs, int requests, int inFlight, double deadlineMs, long? sentAt = null)
    {
        if (Stale(sentAt))
        {
            return;
        }

        CountDropped(requests, dropped: true);
        if (_droppedShare > DroppedShareLimit)
        {
            CutTo(inFlight + requests, _fastestMs);
            return;
        }

        Observe(Math.Max(passMs, deadlineMs), requests, inFlight, deadlineMs, sentAt, counted: true);
    }

    /// <summary>
    /// The service's timer ran <paramref name="lagMs"/> late, with <paramref name="inFlight"/> requests admitted: a lag of
    /// more than a few milliseconds, smoothed, means every core is busy, and the limit is cut.
    /// </summary>
    public void ObserveLag(double lagMs, int inFlight)
    {
        _lagMs += SlowSmoothing * (Math.Min(MostOverLimit * LagLimitMs, lagMs) - _lagMs);
        if (Lagging)
        {
            CutTo(inFlight, LagCutEveryMs);
        }
    }

    // Coarse answers slow for their deadline, or a late timer, while passes run slower than the fastest too. Either alone
    // is no sign of too many requests: devices that share a machine's cores queue a request's coarse work behind the
    // fine work of those admitted a pass earlier, which a cut cannot take back, and requests refused still cost the
    // cores their reading (an HTTP body, a picture). Cut on that alone, the limit would be cut again each pass until it
    // were a fraction of what the devices answer in time. Until passes slow, the limit only stops growing.
    private bool NearlySlow => _typicalMs > (_fastestMs * NearlySlowerBy) + (JitterMs / 2);

    private bool CoarseQueueing => _coarseLoad > 1 && NearlySlow;

    private bool Lagging => _lagMs > LagLimitMs && NearlySlow;

    // Whether the limit was cut less than ms ago: for a pass after a cut, what comes back tells of the load before it.
    private bool CutWithin(double ms) => _cutAt != 0 && time.GetElapsedTime(_cutAt).TotalMilliseconds <= ms;

    // A batch sent, or a request admitted, before the last cut (TCP's one cut per window): it tells of the load then.
    private bool Stale(long? since) => since is { } at && _cutAt != 0 && at < _cutAt;

    // The weight of a smoothed signal's new sample: what the time since the last sample is worth, at least SlowSmoothing.
    private double Weight(ref long lastAt)
    {
        var now = time.GetTimestamp();
        var sinceMs = lastAt == 0 ? 0 : time.GetElapsedTime(lastAt, now).TotalMilliseconds;
        lastAt = now;
        return Math.Max(SlowSmoothing, 1 - Math.Exp(-sinceMs / FadeMs));
    }

    private void CountDropped(int requests, bool dropped) =>
        _droppedShare += Math.Min(1, requests / DroppedOver) * ((dropped ? 1 : 0) - _droppedShare);

    // Cuts the limit to nine tenths of what is in use, unless it was cut less than a fastest pass ago (everyMs
    // before the first pass): a cut shows in what comes back only a pass later, and cutting again before that would
    // spiral the limit down while the smoothed signals still remember the overload.
    private void CutTo(int inFlight, double everyMs)
    {
        if (!CutWithin(double.IsFinite(_fastestMs) ? Math.Max(_fastestMs, everyMs) : everyMs))
        {
            // What is in use: the requests in flight, or the whole limit once nearly all of it is (normal requests may not
            // take its high-priority share, so a full service has a little less than the limit in flight).
            var inUse = inFlight >= _limit * NearlyUsed ? _limit : inFlight;
            _limit = Math.Max(floor, inUse * Cut);
            _threshold = Math.Max(_limit, floor * SlowStartFloor);
            _cutAt = time.GetTimestamp();

            // The typical pass starts again from the fastest: what comes back of batches sent since tells whether the
            // cut was enough.
            _typicalMs = double.IsFinite(_fastestMs) ? _fastestMs : _typicalMs;

            // What comes back of batches sent before the cut is not counted: half of what the share remembers stays,
            // so that a cut that was not enough shows within a pass.
            _droppedShare /= 2;
        }
    }

    /// <summary>
    /// A batch of <paramref name="requests"/> took <paramref name="passMs"/> from dispatch to answer, with
    /// <paramref name="inFlight"/> requests admitted; the shortest deadline in it was <paramref name="deadlineMs"/> (default
    /// none): a pass that would miss most of a deadline the fastest pass could meet counts as slow, however close to
    /// the fastest it is. A batch sent (at the timestamp <paramref name="sentAt"/>; default now) before the last cut only
    /// tells how fast a pass can be.
    /// </summary>
    public void Observe(double passMs, int requests, int inFlight, double deadlineMs = double.PositiveInfinity, long? sentAt = null) =>
        Observe(passMs, requests, inFlight, deadlineMs, sentAt, counted: false);

    private void Observe(double passMs, int requests, int inFlight, double deadlineMs, long? sentAt, bool counted)
    {
        if (Stale(sentAt))
        {
            _fastestMs = Math.Min(_fastestMs, passMs);
            return;
        }

        if (!counted)
        {
            CountDropped(requests, dropped: false);
        }

        _typicalMs = double.IsNaN(_typicalMs) ? passMs : _typicalMs + (Smoothing * (passMs - _typicalMs));

        // The fastest creeps towards the typical: a cluster that lost its fastest devices is not held to them forever.
        _fastestMs = Math.Min(passMs, double.IsInfinity(_fastestMs) ? passMs : _fastestMs + (Creep * (_typicalMs - _fastestMs)));
        var slow = Math.Min((_fastestMs * SlowerBy) + JitterMs, Math.Max((_fastestMs * NearlySlowerBy) + (JitterMs / 2), deadlineMs * DeadlineShare));
        if (_typicalMs > slow || Lagging || CoarseQueueing)
        {
            CutTo(inFlight + requests, _fastestMs);
        }
        else if (inFlight >= _limit * NearlyUsed && _coarseLoad <= 1 && _lagMs <= LagLimitMs && !CutWithin(_fastestMs))
        {
            if (_limit >= _threshold)
            {
                _limit = Math.Min(ceiling, _limit + (requests * AvoidanceGrowth));
                return;
            }

            var burst = _grownAt == 0 || time.GetElapsedTime(_grownAt).TotalMilliseconds > _fastestMs;
            _limit = Math.Min(Math.Min(ceiling, _threshold), burst ? Math.Max(_limit + requests, _limit * Growth) : _limit + requests);
            _grownAt = burst ? time.GetTimestamp() : _grownAt;
        }
        else if (inFlight < _limit * LightLoad)
        {
            _threshold = double.PositiveInfinity;
        }
    }
}
