namespace HeteroOrleans.Grains.Devices;

/// <summary>What one device has done since it started: tasks and images, time busy, and its recent time per image.</summary>
internal sealed class DeviceMeter
{
    // The recent time per image follows roughly the last ten batches: what the device does now, not since it started.
    private const double Gain = 0.1;

    public int TasksDone { get; private set; }

    public long ImagesDone { get; private set; }

    public double BusyMs { get; private set; }

    /// <summary>A moving average of the time per image of the device's recent batches; 0 before the first.</summary>
    public double RecentMsPerImage { get; private set; }

    /// <summary>A moving average of the images per batch the device ran lately (work of several callers joins one batch); 0 before the first.</summary>
    public double RecentBatch { get; private set; }

    /// <summary>The device ran a batch of <paramref name="images"/>, every caller's together.</summary>
    public void Ran(int images) => RecentBatch = RecentBatch == 0 ? images : (1 - Gain) * RecentBatch + Gain * images;

    /// <summary>Work that produced no labels (an encryption head) kept the device busy <paramref name="ms"/>.</summary>
    public void Busy(double ms) => BusyMs += ms;

    /// <summary>A batch of <paramref name="images"/> ran for <paramref name="runMs"/>.</summary>
    public void Done(int images, double runMs)
    {
        TasksDone++;
        ImagesDone += images;
        BusyMs += runMs;
        var msPerImage = runMs / images;
        RecentMsPerImage = RecentMsPerImage == 0 ? msPerImage : (1 - Gain) * RecentMsPerImage + Gain * msPerImage;
    }
}
