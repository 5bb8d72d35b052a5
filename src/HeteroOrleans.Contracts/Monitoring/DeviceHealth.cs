namespace HeteroOrleans.Contracts.Monitoring;

/// <summary>What the device monitor believes of a device.</summary>
public enum DeviceHealth
{
    /// <summary>Answering; jobs may assign to it.</summary>
    Up,

    /// <summary>Missed a probe or failed a job's call; no new tasks until it answers a probe again.</summary>
    Suspected,

    /// <summary>Its silo left the cluster, or it missed probes repeatedly; it comes back only by answering a probe.</summary>
    Down,

    /// <summary>
    /// Its silo is leaving the cluster (a drain): no new tasks, while the work it holds finishes. It stays so until the
    /// silo has gone; a restarted silo registers its devices anew.
    /// </summary>
    Draining,
}
