using HeteroOrleans.Contracts.Devices;

namespace HeteroOrleans.Scheduling;

/// <summary>
/// What the Adaptive scheme believes of one device: its speed as measured so far, its link, the work it holds and when
/// that work will be done. Times are milliseconds on the planner's clock.
/// </summary>
public sealed class DeviceEstimate
{
    /// <summary>Speed assumed for a device that declares none, until its first answer says better.</summary>
    public const double UnknownMsPerImage = 1;

    // Weight of the newest measurement: high enough that a device slowing down is seen within a few tasks.
    private const double Smoothing = 0.3;

    private const double LatenessSmoothing = 0.1;

    // While a device goes unheard, what was learnt of it fades back to what it declared, by half every this long: a
    // device once seen slow (a passing slowdown, a busy host) is tried again rather than left idle for good.
    private const double ForgetHalfLifeMs = 2000;

    private readonly double _declaredMsPerImage;
    private double? _lastHeardMs;

    private double _busyUntilMs;

    internal DeviceEstimate(DeviceProfile profile)
    {
        (Id, Tier) = (profile.Id, profile.Tier);
        // An emulated device's time is its own, whatever machine emulates it.
        Machine = profile.ComputeMode == ComputeMode.Emulated ? string.Empty : profile.Machine;
        MsPerImage = _declaredMsPerImage = profile.MsPerImage > 0 ? profile.MsPerImage : UnknownMsPerImage;
        Relink(profile.Link);
    }

    /// <summary>The device's id.</summary>
    public string Id { get; }

    /// <summary>The device's tier: its stage under Adaptive.</summary>
    public Tier Tier { get; }

    /// <summary>The machine whose cores the device shares with the others that name it; empty when its time is its own.</summary>
    public string Machine { get; }

    /// <summary>Inference time per image: the declared one at first, then a moving average of what answers report.</summary>
    public double MsPerImage { get; private set; }

    /// <summary>Round-trip latency of the link from the job to the device: as configured, then as measured.</summary>
    public double RoundTripMs { get; private set; }

    /// <summary>Time one image's pixels take on the link, both ways together; 0 on a link of unlimited bandwidth.</summary>
    public double TransferMsPerImage { get; private set; }

    /// <summary>Images sent to the device, or on their way, that it has not answered yet.</summary>
    public int OutstandingImages { get; private set; }

    /// <summary>
    /// How much later than expected the device's answers come back, as a moving average: whatever the model of
    /// links and queues leaves out (an encryption head run first on another device, large payloads, a busy host).
    /// </summary>
    public double LatenessMs { get; private set; }

    /// <summary>
    /// When a task of <paramref name="images"/> sent at <paramref name="nowMs"/> would be back: it crosses the link,
    /// waits until the work the device holds is done, runs, and crosses back, as late as the device's answers have been.
    /// Links overlap other tasks' work.
    /// </summary>
    public double FinishMs(int images, double nowMs)
    {
        var (msPerImage, lateness) = Expected(nowMs);
        return Start(images, nowMs) + images * msPerImage + RoundTripMs / 2 + lateness;
    }

    /// <summary>
    /// Tasks of <paramref name="batch"/> images the device should hold at once so that its links hide behind its work:
    /// one computing, one queued behind it, and as many more as fit in the time a task spends on the link.
    /// </summary>
    public int Window(int batch)
    {
        var compute = Math.Max(0.001, batch * MsPerImage);
        return Math.Clamp(2 + (int)Math.Ceiling((RoundTripMs + batch * TransferMsPerImage) / compute), 2, AdaptivePlanner.MaxWindow);
    }

    internal DeviceEstimate Relinked(LinkProfile link)
    {
        Relink(link);
        return this;
    }

    private void Relink(LinkProfile link)
    {
        RoundTripMs = link.RoundTripLatencyMs;
        TransferMsPerImage = link.BandwidthMbps > 0 ? 2 * PixelBatch.ImageBytes * 8 / (link.BandwidthMbps * 1000) : 0;
    }

    internal void Sent(int images, double nowMs)
    {
        if (OutstandingImages == 0 && _lastHeardMs is not null)
        {
            // The fading so far becomes what is believed; it fades on from here.
            (MsPerImage, LatenessMs) = Expected(nowMs);
            _lastHeardMs = nowMs;
        }

        _busyUntilMs = Start(images, nowMs) + images * MsPerImage;
        OutstandingImages += images;
    }

    internal void Returned(int images, double nowMs)
    {
        OutstandingImages = Math.Max(0, OutstandingImages - images);

        // A device that answered sooner than expected is free sooner: it holds at most what is still out.
        _busyUntilMs = Math.Min(_busyUntilMs, nowMs + RoundTripMs / 2 + OutstandingImages * MsPerImage);
    }

    // Learnt slowly and at most one task's own time: a few late answers while the job starts (every device busy with
    // its first batch, first calls) must not keep a device idle for the rest of it.
    internal void Answered(double dueMs, double nowMs, int batch)
    {
        LatenessMs = Math.Clamp(LatenessMs + LatenessSmoothing * (nowMs - dueMs), 0, RoundTripMs + batch * MsPerImage);
        _lastHeardMs = nowMs;
    }

    internal void Observe(double computeMs, int images, double nowMs)
    {
        if (images > 0 && computeMs > 0)
        {
            MsPerImage += Smoothing * (computeMs / images - MsPerImage);
        }

        _lastHeardMs = nowMs;
    }

    // Speed and lateness as expected now: what answers taught, faded toward the declared speed and no lateness while
    // the device holds no work and has not been heard from.
    private (double MsPerImage, double LatenessMs) Expected(double nowMs)
    {
        if (OutstandingImages > 0 || _lastHeardMs is not { } heard)
        {
            return (MsPerImage, LatenessMs);
        }

        var kept = Math.Pow(0.5, Math.Max(0, nowMs - heard) / ForgetHalfLifeMs);
        return (_declaredMsPerImage + (MsPerImage - _declaredMsPerImage) * kept, LatenessMs * kept);
    }

    private double Start(int images, double nowMs) => Math.Max(nowMs + RoundTripMs / 2 + images * TransferMsPerImage, _busyUntilMs);
}
