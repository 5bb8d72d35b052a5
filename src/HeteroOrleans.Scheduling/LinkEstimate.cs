namespace HeteroOrleans.Scheduling;

/// <summary>
/// A link as it is seen to behave: its one-way latency from small transfers (answers of a few labels), its bandwidth
/// from large ones (pixels and features), each a moving average, and a change detector on the bandwidth that lets the
/// estimate jump to a new level at once rather than creep toward it.
/// </summary>
/// <remarks>
/// Bandwidth is kept as its inverse, milliseconds per megabit, so that an unlimited link (no transfer time) is 0 rather
/// than infinity. The change detector is a two-sided CUSUM on the logarithm of each sample over the estimate: drifts
/// within <see cref="ChangeSlack"/> are noise, and a sustained step is flagged after about
/// <see cref="ChangeThreshold"/> / (|log step| − slack) samples — one sample for a tenfold slowdown, four for a halving;
/// a faster link needs two samples at least.
/// </remarks>
public sealed class LinkEstimate
{
    /// <summary>Transfers of at most this many bytes time the latency alone (their transfer is a small share of it).</summary>
    public const long SmallBytes = 2_048;

    /// <summary>Transfers of at least this many bytes are timed for bandwidth.</summary>
    public const long LargeBytes = 8_192;

    /// <summary>Log-ratio a sample may stray from the estimate without counting toward a change (about ±20 %).</summary>
    public const double ChangeSlack = 0.2;

    /// <summary>Summed log-ratio beyond the slack that makes a change.</summary>
    public const double ChangeThreshold = 1.5;

    // Weight of the newest sample between changes: smooths timer noise, follows a slow drift within tens of samples.
    private const double Smoothing = 0.2;

    // Timers resolve no finer than this, however quiet the machine.
    private const double ResolutionMs = 0.05;

    // A transfer counts fully, and toward a change, once its time is this many times the noise of small transfers.
    private const double ChangeNoiseFactor = 4;

    // The least weight of a transfer within the noise: on a link so fast that every transfer is, the estimate still
    // comes down toward "fast" over some tens of transfers.
    private const double MinimumWeight = 0.05;

    // Transfers that must show a faster link before it counts as a change.
    private const int ConfirmFaster = 2;

    // One sample weighs at most a hundredfold step: a transfer timed at nothing must not weigh infinitely.
    private const double MaxRatio = 100;

    private double _rise;
    private double _fall;
    private int _fallSamples;

    /// <summary>One-way latency in milliseconds; NaN until a small transfer was timed.</summary>
    public double OneWayMs { get; private set; } = double.NaN;

    /// <summary>Transfer time in milliseconds per megabit; NaN until a large transfer was timed, 0 on an unlimited link.</summary>
    public double MsPerMegabit { get; private set; } = double.NaN;

    /// <summary>Round-trip latency in milliseconds; NaN until measured.</summary>
    public double RoundTripMs => 2 * OneWayMs;

    /// <summary>Bandwidth in megabits per second: 0 for unlimited (as links are configured), NaN until measured.</summary>
    public double BandwidthMbps => MsPerMegabit switch
    {
        double.NaN => double.NaN,
        <= 0 => 0,
        var ms => 1000 / ms,
    };

    /// <summary>Transfers timed so far.</summary>
    public long Samples { get; private set; }

    /// <summary>Changes of bandwidth detected so far.</summary>
    public int Changes { get; private set; }

    /// <summary>
    /// How far small transfers stray from the latency, on average: the timers' and the machine's noise, which a large
    /// transfer's time must clearly exceed to say anything about the bandwidth. NaN until two small transfers were timed.
    /// </summary>
    public double JitterMs { get; private set; } = double.NaN;

    /// <summary>
    /// Takes one transfer of <paramref name="bytes"/> that took <paramref name="elapsedMs"/> one way; true when it
    /// completes a change of the link's bandwidth (the estimate is then the new level).
    /// </summary>
    public bool Observe(long bytes, double elapsedMs)
    {
        if (bytes < 0 || !double.IsFinite(elapsedMs) || elapsedMs < 0)
        {
            return false;
        }

        Samples++;
        if (bytes <= SmallBytes)
        {
            TakeLatency(elapsedMs);
            return false;
        }

        if (bytes < LargeBytes)
        {
            return false;
        }

        // Until a small transfer has timed the latency, all of a large one's time counts as transfer: a link seen so far
        // only carrying pixels is taken as slower than it is, and is corrected by its first answer.
        var transferMs = Math.Max(0, elapsedMs - (double.IsNaN(OneWayMs) ? 0 : OneWayMs));
        var noiseMs = ChangeNoiseFactor * Math.Max(ResolutionMs, double.IsNaN(JitterMs) ? 0 : JitterMs);
        var megabits = bytes * 8 / 1e6;

        // How precise the sample is follows its own size against the noise; how much it says about a change follows how
        // far it lies from what the estimate expected: a link that got ten times faster shows as a transfer far shorter
        // than expected even when the transfer itself is within the noise.
        var expectedMs = double.IsNaN(MsPerMegabit) ? transferMs : MsPerMegabit * megabits;
        return Take(transferMs / megabits, Math.Clamp(transferMs / noiseMs, 0, 1), Math.Clamp(Math.Abs(transferMs - expectedMs) / noiseMs, 0, 1));
    }

    private void TakeLatency(double elapsedMs)
    {
        if (double.IsNaN(OneWayMs))
        {
            OneWayMs = elapsedMs;
            return;
        }

        var deviation = Math.Abs(elapsedMs - OneWayMs);
        JitterMs = double.IsNaN(JitterMs) ? deviation : JitterMs + Smoothing * (deviation - JitterMs);
        OneWayMs += Smoothing * (elapsedMs - OneWayMs);
    }

    // A transfer whose time is within the noise says little: it moves the estimate in proportion to its precision, and
    // counts toward a change in proportion to its evidence (a few milliseconds of noise on a fast link must not read as
    // a tenfold drop, while a transfer far from what was expected is a change however short it is).
    private bool Take(double sample, double precision, double evidence)
    {
        if (double.IsNaN(MsPerMegabit))
        {
            MsPerMegabit = sample;
            return false;
        }

        if (MsPerMegabit <= 0)
        {
            return evidence >= 1 ? Changed(sample) : Smooth(sample, precision);
        }

        var ratio = Math.Clamp(Math.Log(Math.Max(sample, MsPerMegabit / MaxRatio) / MsPerMegabit), -Math.Log(MaxRatio), Math.Log(MaxRatio));
        _rise = Math.Max(0, _rise + evidence * (ratio - ChangeSlack));
        _fall = Math.Max(0, _fall + evidence * (-ratio - ChangeSlack));
        _fallSamples = evidence > 0 && -ratio > ChangeSlack ? _fallSamples + 1 : 0;

        // A slower link is followed at its first clear transfer: every transfer on it costs. A faster one must show in
        // two transfers: a single short one is as often a transfer timed short (an early timer, a call's parts timed
        // apart on a real network) as a link that got faster, and chasing it moves cuts back and forth.
        return _rise > ChangeThreshold || (_fall > ChangeThreshold && _fallSamples >= ConfirmFaster) ? Changed(sample) : Smooth(sample, precision);
    }

    private bool Smooth(double sample, double precision)
    {
        MsPerMegabit += Smoothing * Math.Max(precision, MinimumWeight) * (sample - MsPerMegabit);
        return false;
    }

    private bool Changed(double sample)
    {
        (MsPerMegabit, _rise, _fall, _fallSamples) = (sample, 0, 0, 0);
        Changes++;
        return true;
    }
}
