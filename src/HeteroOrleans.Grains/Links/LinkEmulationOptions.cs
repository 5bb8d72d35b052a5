namespace HeteroOrleans.Grains.Links;

/// <summary>How this silo emulates the links from its jobs to their devices (the <c>Silo:Links</c> section).</summary>
public sealed class LinkEmulationOptions
{
    /// <summary>
    /// Whether transfers wait for the bandwidth their device's link is configured with. Default true. Set false where the
    /// links are real and carry the bandwidth themselves (a real network, or <c>tc</c> shaping them): the configured
    /// bandwidth then only plans (cuts, windows), and each transfer is timed inside its call. Latency stays emulated.
    /// </summary>
    public bool EmulateBandwidth { get; set; } = true;
}
