using System.Collections.Concurrent;

namespace HeteroOrleans.Grains.Links;

/// <summary>
/// What this silo's calls have seen of each device's link: every transfer a job or the inference service makes is
/// timed here (<see cref="LinkEstimate"/>), so that plans can follow the links as they are rather than as configured.
/// </summary>
public sealed class LinkMeter
{
    private readonly ConcurrentDictionary<string, Entry> _links = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>A meter on <paramref name="time"/>, whose links are reported as the silo's metrics.</summary>
    public LinkMeter(TimeProvider time)
    {
        _time = time;
        HeteroMetrics.ReportLinks(All);
    }

    /// <summary>Takes one transfer of <paramref name="bytes"/> to or from <paramref name="device"/> that took <paramref name="elapsed"/>.</summary>
    public void Observe(DeviceProfile device, long bytes, TimeSpan elapsed)
    {
        var entry = _links.GetOrAdd(device.Id, static (_, link) => new Entry(link), device.Link);
        lock (entry)
        {
            if (entry.Estimate.Observe(bytes, elapsed.TotalMilliseconds))
            {
                entry.ChangedUtc = _time.GetUtcNow();
            }

            Volatile.Write(ref entry.Samples, entry.Estimate.Samples);
        }
    }

    /// <summary>Transfers to <paramref name="deviceId"/> timed so far: a cheap look at whether anything is new.</summary>
    public long SamplesOf(string deviceId) => _links.TryGetValue(deviceId, out var entry) ? Volatile.Read(ref entry.Samples) : 0;

    /// <summary>The link to <paramref name="deviceId"/> as measured; null before its first transfer.</summary>
    public MeasuredLink? Of(string deviceId)
    {
        if (!_links.TryGetValue(deviceId, out var entry))
        {
            return null;
        }

        lock (entry)
        {
            var estimate = entry.Estimate;
            return new MeasuredLink(deviceId, estimate.RoundTripMs, estimate.BandwidthMbps, estimate.Samples, estimate.Changes, entry.ChangedUtc, entry.Configured);
        }
    }

    /// <summary>Every link measured so far, by device id.</summary>
    public IReadOnlyList<MeasuredLink> All() => [.. _links.Keys.Order(StringComparer.Ordinal).Select(Of).OfType<MeasuredLink>()];

    private sealed class Entry(LinkProfile configured)
    {
        public LinkProfile Configured { get; } = configured;

        public LinkEstimate Estimate { get; } = new();

        public DateTimeOffset? ChangedUtc { get; set; }

        // Read without the lock by SamplesOf; written under it.
        public long Samples;
    }
}
