namespace HeteroOrleans.Grains.Monitoring;

/// <summary>How the device monitor probes devices: the <c>Silo:Monitor</c> section of a silo config.</summary>
public sealed class DeviceMonitorOptions
{
    /// <summary>Time between probe rounds. Default 1 s: a hung device leaves the list within about 1.5 s.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a device may take to answer a probe. Default 0.5 s, the paper's communication timeout.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Probes sent per second at most. Default 1,000: every device each round in a cluster of up to a thousand devices;
    /// beyond that each round probes those probed longest ago, so a device is probed every (devices / 1,000) s.
    /// Jobs still see a hung device at once, by their own time-outs.
    /// </summary>
    public int MaxProbesPerSecond { get; set; } = 1000;

    /// <summary>Missed probes in a row that turn a suspected device into a down one. Default 2.</summary>
    public int MissedProbesForDown { get; set; } = 2;
}
