using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HeteroOrleans.Grains.Links;

/// <summary>
/// The emulated links of this silo's callers as they are now: each device's configured link, unless it was changed
/// while running (a link that degrades and recovers, as Wi-Fi and shared uplinks do). What the emulation applies, not
/// what the system believes: that is measured (<see cref="LinkMeter"/>).
/// </summary>
public sealed class EmulatedLinks(IOptions<LinkEmulationOptions> options)
{
    private readonly ConcurrentDictionary<string, LinkProfile> _changed = new(StringComparer.Ordinal);

    /// <summary>Whether transfers wait for their link's bandwidth here; false where the links are real (<see cref="LinkEmulationOptions.EmulateBandwidth"/>).</summary>
    public bool EmulatesBandwidth { get; } = options.Value.EmulateBandwidth;

    /// <summary>The link a transfer to <paramref name="device"/> crosses now, as emulated (no bandwidth where the network's own is real).</summary>
    public LinkProfile Of(DeviceProfile device)
    {
        var link = _changed.TryGetValue(device.Id, out var changed) ? changed : device.Link;
        return EmulatesBandwidth ? link : link with { BandwidthMbps = 0 };
    }

    /// <summary>Makes transfers to <paramref name="deviceId"/> cross <paramref name="link"/> from now on.</summary>
    /// <exception cref="ArgumentException">A negative latency or bandwidth.</exception>
    public void Set(string deviceId, LinkProfile link)
    {
        if (link.RoundTripLatencyMs < 0 || link.BandwidthMbps < 0 || !double.IsFinite(link.RoundTripLatencyMs) || !double.IsFinite(link.BandwidthMbps))
        {
            throw new ArgumentException($"Link of {deviceId}: latency {link.RoundTripLatencyMs} ms and bandwidth {link.BandwidthMbps} Mbit/s must be finite and at least 0.", nameof(link));
        }

        _changed[deviceId] = link;
    }

    /// <summary>Gives <paramref name="deviceId"/> its configured link back.</summary>
    public void Reset(string deviceId) => _changed.TryRemove(deviceId, out _);
}
