using HeteroOrleans.Contracts.Devices;

namespace HeteroOrleans.Scheduling;

/// <summary>What the Adaptive scheme believes of one device: its speed as measured so far, its link, and the work it holds.</summary>
public sealed class DeviceEstimate
{
    // Weight of the newest measurement: high enough that a device slowing down is seen within a few tasks.
    private const double Smoothing = 0.3;

    internal DeviceEstimate(DeviceProfile profile)
    {
        Id = profile.Id;
        MsPerImage = profile.MsPerImage > 0 ? profile.MsPerImage : UnknownMsPerImage;
        RoundTripMs = profile.Link.RoundTripLatencyMs;
        TransferMsPerImage = profile.Link.BandwidthMbps > 0 ? 2 * PixelBatch.ImageBytes * 8 / (profile.Link.BandwidthMbps * 1000) : 0;
    }

    /// <summary>Speed assumed for a device that declares none, until its first answer says better.</summary>
    public const double UnknownMsPerImage = 1;

    /// <summary>The device's id.</summary>
    public string Id { get; }

    /// <summary>Inference time per image: the declared one at first, then a moving average of what answers report.</summary>
    public double MsPerImage { get; private set; }

    /// <summary>Round-trip latency of the link from the job to the device.</summary>
    public double RoundTripMs { get; }

    /// <summary>Time one image's pixels take on the link, both ways together; 0 on a link of unlimited bandwidth.</summary>
    public double TransferMsPerImage { get; }

    /// <summary>Images sent to the device, or on their way, that it has not answered yet.</summary>
    public int OutstandingImages { get; private set; }

    /// <summary>When a task of <paramref name="images"/> sent now would be back, in milliseconds from now.</summary>
    public double FinishMs(int images) => RoundTripMs + images * TransferMsPerImage + (OutstandingImages + images) * MsPerImage;

    /// <summary>
    /// Tasks of <paramref name="batch"/> images the device should hold at once so that its links hide behind its work:
    /// one computing, and as many more as fit in the time a task spends on the link.
    /// </summary>
    public int Window(int batch)
    {
        var compute = Math.Max(0.001, batch * MsPerImage);
        return Math.Clamp(1 + (int)Math.Ceiling((RoundTripMs + batch * TransferMsPerImage) / compute), 2, AdaptivePlanner.MaxWindow);
    }

    internal void Sent(int images) => OutstandingImages += images;

    internal void Returned(int images) => OutstandingImages = Math.Max(0, OutstandingImages - images);

    internal void Observe(double computeMs, int images)
    {
        if (images > 0 && computeMs > 0)
        {
            MsPerImage += Smoothing * (computeMs / images - MsPerImage);
        }
    }
}
