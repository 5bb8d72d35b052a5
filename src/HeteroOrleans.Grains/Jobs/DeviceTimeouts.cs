namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Each device's time-out, learnt from what the device has been seen to do, as TCP learns its retransmission
/// time-out (RFC 6298): a smoothed time per image plus four mean deviations, plus the job's communication time-out
/// (the paper's: counted from when the device should have finished). The profile's expected time per image is the
/// first observation, so a device that slows down is given more as soon as its answers show it.
/// </summary>
/// <remarks>
/// The communication time-out is a margin added to the learnt time, not a floor under it, for the reason RFC 6298 adds
/// the clock's granularity: a device whose answers all take the same time (an emulated one, a steady one) learns a
/// deviation of nearly nothing, and with it alone every answer a millisecond late (a timer, a busy thread pool, the
/// answer on its way back) would pass its time-out. Such false alarms cost the paper's None its task.
/// </remarks>
/// <remarks>The clock a time-out is compared with is the device's own: it starts when the device starts the work, never while it waits in a queue.</remarks>
internal sealed class DeviceTimeouts(TimeSpan margin)
{
    // A device whose speed nobody stated and that has not answered yet: this long before it counts as late.
    internal static readonly TimeSpan UnknownSpeedAllowance = TimeSpan.FromSeconds(10);
    private const double Gain = 1.0 / 8;
    private const double DeviationGain = 1.0 / 4;
    private const int Deviations = 4;
    private readonly Dictionary<string, Estimate> _devices = new(StringComparer.Ordinal);

    /// <summary>The job's communication time-out: every device gets this long past its learnt time.</summary>
    public TimeSpan Margin { get; } = margin;

    /// <summary>Seeds a device with its profile's expected time per image; 0 leaves it unknown.</summary>
    public void Expect(string device, double msPerImage)
    {
        if (msPerImage > 0 && !_devices.ContainsKey(device))
        {
            _devices[device] = new Estimate(msPerImage, msPerImage / 2);
        }
    }

    /// <summary>
    /// Learns from work that took <paramref name="runMs"/> on the device for <paramref name="images"/> images of its own
    /// model (an encryption head counts as the share of them its operations are).
    /// </summary>
    public void Observe(string device, double runMs, double images)
    {
        if (images <= 0 || runMs < 0)
        {
            return;
        }

        var sample = runMs / images;
        _devices[device] = _devices.TryGetValue(device, out var known)
            ? new Estimate(
                (1 - Gain) * known.MsPerImage + Gain * sample,
                (1 - DeviationGain) * known.DeviationMs + DeviationGain * Math.Abs(known.MsPerImage - sample))
            : new Estimate(sample, sample / 2);
    }

    /// <summary>The device's smoothed time per image of its own work as seen so far (its profile's before any); NaN when unknown.</summary>
    public double MsPerImage(string device) => _devices.TryGetValue(device, out var estimate) ? estimate.MsPerImage : double.NaN;

    /// <summary>How long the device may run work of <paramref name="images"/> images before it counts as late.</summary>
    public TimeSpan For(string device, int images) => Expected(device, images) + Margin;

    /// <summary>How long the device should need for work of <paramref name="images"/> images: its time-out less the margin.</summary>
    public TimeSpan Expected(string device, int images) =>
        _devices.TryGetValue(device, out var estimate)
            ? TimeSpan.FromMilliseconds((estimate.MsPerImage + Deviations * estimate.DeviationMs) * images)
            : UnknownSpeedAllowance;

    private readonly record struct Estimate(double MsPerImage, double DeviationMs);
}
