namespace HeteroOrleans.Contracts.Jobs;

/// <summary>How a job's tasks are assigned to devices (the paper, section 3.4).</summary>
public enum SchedulingScheme
{
    /// <summary>Coarse stage only, on end devices in sequential round robin (eq. 1).</summary>
    End,

    /// <summary>Coarse stage on end devices, then every fine task to the cloud(s) in turn (eq. 2).</summary>
    EndCloud,

    /// <summary>Coarse stage on end devices, then fine tasks to edge devices in turn (eq. 3).</summary>
    EndEdge,

    /// <summary>
    /// End devices mapped N_map per edge in order, the rest to the cloud; each end device's fine tasks go to the
    /// device it is mapped to (eqs. 4-6).
    /// </summary>
    Mapping,

    /// <summary>
    /// Beyond the paper: every stage goes, when ready, to the device of its role that would finish it first (its
    /// queue, link and measured speed), each device holding a window of tasks so that links hide behind work; fine
    /// stages go to any edge or cloud.
    /// </summary>
    Adaptive,
}
