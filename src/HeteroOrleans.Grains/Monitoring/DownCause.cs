namespace HeteroOrleans.Grains.Monitoring;

/// <summary>Why the monitor holds a device down, which decides what brings it back.</summary>
internal enum DownCause
{
    /// <summary>The device is not down.</summary>
    None,

    /// <summary>Its silo stopped or died: the silo's return brings it back, and it is not probed meanwhile.</summary>
    SiloGone,

    /// <summary>It missed probes while its silo stayed: an answer to a probe brings it back.</summary>
    MissedProbes,

    /// <summary>Its silo is draining: nothing brings it back; its silo's restart registers it anew.</summary>
    Draining,
}
