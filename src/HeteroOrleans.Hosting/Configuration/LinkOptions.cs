namespace HeteroOrleans.Hosting.Configuration;

/// <summary>A device's emulated link (<c>Silo:Devices:N:Link</c>).</summary>
public sealed class LinkOptions
{
    /// <summary>Round-trip latency added to each call. Default 0.</summary>
    public double LatencyMs { get; set; }

    /// <summary>Bandwidth that sets the transfer time of each payload; 0: unlimited. Default 0.</summary>
    public double BandwidthMbps { get; set; }
}
