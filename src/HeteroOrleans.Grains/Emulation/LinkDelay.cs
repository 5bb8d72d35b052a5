namespace HeteroOrleans.Grains.Emulation;

/// <summary>
/// Emulated network time on a link, applied by the caller so that the device itself is never blocked by a link.
/// </summary>
public static class LinkDelay
{
    /// <summary>One direction: half the round-trip latency plus the payload's transfer time.</summary>
    public static TimeSpan OneWay(LinkProfile link, long payloadBytes)
    {
        var transferMs = link.BandwidthMbps > 0 ? payloadBytes * 8 / (link.BandwidthMbps * 1000.0) : 0;
        return TimeSpan.FromMilliseconds(link.RoundTripLatencyMs / 2 + transferMs);
    }

    /// <summary>Waits for the one-way delay on <paramref name="time"/>, returning at once for a free link.</summary>
    public static Task WaitAsync(LinkProfile link, long payloadBytes, TimeProvider time, CancellationToken cancellation = default)
    {
        var delay = OneWay(link, payloadBytes);
        return delay > TimeSpan.Zero ? Task.Delay(delay, time, cancellation) : Task.CompletedTask;
    }
}
