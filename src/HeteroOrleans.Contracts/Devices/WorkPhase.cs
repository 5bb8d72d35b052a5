namespace HeteroOrleans.Contracts.Devices;

/// <summary>Where a piece of work stands at a device.</summary>
public enum WorkPhase
{
    /// <summary>The device holds no work of that id: it has not arrived, is finished, or was lost with the device.</summary>
    Unknown,

    /// <summary>Waiting behind other work at the device.</summary>
    Queued,

    /// <summary>The device is computing it.</summary>
    Running,
}
