namespace HeteroOrleans.Grains.Serving;

/// <summary>
/// How many requests the service lets in at once, found as TCP Vegas and Clipper's AIMD find theirs: it starts at the
/// ceiling; when batches come back markedly slower than the fastest seen, work is queueing somewhere (a device, a core,
/// a link), and the limit is cut to four fifths of the requests then in flight, at most once per fastest pass; while
/// batches come back about as fast as ever, it grows by one for each request answered with the limit nearly used, and
/// by half at most once per fastest pass (TCP's slow start: a limit cut in a burst comes back within a few passes). So
/// past saturation the service refuses what it cannot answer in time, rather than letting every request wait longer,
/// and at light load the limit never binds.
/// </summary>
internal sealed class AdmissionLimit(int floor, int ceiling, TimeProvider time)
{
    // A batch this much slower than the fastest (and 20 ms more, for jitter) means queueing.
    private const double SlowerBy = 1.25;
    private const double JitterMs = 20;
    private const double Cut = 0.8;
    private const double Growth = 1.5;
    private const double Smoothing = 0.1;
    private const double Creep = 0.001;

    private double _limit = ceiling;
    private double _fastestMs = double.PositiveInfinity;
    private double _typicalMs = double.NaN;
    private long _cutAt;
    private long _grownAt;

    /// <summary>Requests that may be in flight now.</summary>
    public int Current => (int)_limit;

    /// <summary>The pass of the fastest batch seen, dispatch to answer; infinite before the first.</summary>
    public double FastestMs => _fastestMs;

    /// <summary>A batch of <paramref name="requests"/> took <paramref name="passMs"/> from dispatch to answer, with <paramref name="inFlight"/> requests admitted.</summary>
    public void Observe(double passMs, int requests, int inFlight)
    {
        _typicalMs = double.IsNaN(_typicalMs) ? passMs : _typicalMs + (Smoothing * (passMs - _typicalMs));

        // The fastest creeps towards the typical: a cluster that lost its fastest devices is not held to them forever.
        _fastestMs = Math.Min(passMs, double.IsInfinity(_fastestMs) ? passMs : _fastestMs + (Creep * (_typicalMs - _fastestMs)));
        if (_typicalMs > (_fastestMs * SlowerBy) + JitterMs)
        {
            if (_cutAt == 0 || time.GetElapsedTime(_cutAt).TotalMilliseconds > _fastestMs)
            {
                _limit = Math.Max(floor, Math.Min(_limit, inFlight + requests) * Cut);
                _cutAt = time.GetTimestamp();
            }
        }
        else if (inFlight >= _limit * 0.8)
        {
            var burst = _grownAt == 0 || time.GetElapsedTime(_grownAt).TotalMilliseconds > _fastestMs;
            _limit = Math.Min(ceiling, burst ? Math.Max(_limit + requests, _limit * Growth) : _limit + requests);
            _grownAt = burst ? time.GetTimestamp() : _grownAt;
        }
    }
}
