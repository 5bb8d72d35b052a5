namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Each device's time-out, learnt from what the device has been seen to do, as TCP learns its retransmission
/// time-out (RFC 6298): a smoothed time per image plus four mean deviations. The profile's expected time per image
/// is the first observation, and the job's communication time-out is the floor, so a device is never given less
/// than the user asked for, and a device that slows down is given more as soon as its answers show it.
/// </summary>
/// <remarks>The clock a time-out is compared with is the device's own: it starts when the device starts the work, never while it waits in a queue.</remarks>
internal sealed class DeviceTimeouts(TimeSpan floor)
{
    // A device whose speed nobody stated and that has not answered yet: this long before it counts as late.
    internal static readonly TimeSpan UnknownSpeedAllowance = TimeSpan.FromSeconds(10);
    private const double Gain = 1.0 / 8;
    private const double DeviationGain = 1.0 / 4;
    private const int Deviations = 4;
    private readonly Dictionary<string, Estimate> _devices = new(StringComparer.Ordinal);

    /// <summary>The floor: the job's communication time-out.</summary>
    public TimeSpan Floor { get; } = floor;

    /// <summary>Seeds a device with its profile's expected time per image; 0 leaves it unknown.</summary>
    public void Expect(string device, double msPerImage)
    {
        if (msPerImage > 0 && !_devices.ContainsKey(device))
        {
            _devices[device] = new Estimate(msPerImage, msPerImage / 2);
        }
    }

    /// <summary>Learns from work that took <paramref name="runMs"/> on the device for <paramref name="images"/> images.</summary>
    public void Observe(string device, double runMs, int images)
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

    /// <summary>How long the device may run work of <paramref name="images"/> images before it counts as late.</summary>
    public TimeSpan For(string device, int images)
    {
        if (!_devices.TryGetValue(device, out var estimate))
        {
            return UnknownSpeedAllowance > Floor ? UnknownSpeedAllowance : Floor;
        }

        var learnt = TimeSpan.FromMilliseconds((estimate.MsPerImage + Deviations * estimate.DeviationMs) * images);
        return learnt > Floor ? learnt : Floor;
    }

    private readonly record struct Estimate(double MsPerImage, double DeviationMs);
}
