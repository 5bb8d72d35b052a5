namespace HeteroOrleans.Scheduling;

/// <summary>How a job's tasks are assigned to devices (the paper, section 3.4).</summary>
public enum SchedulingScheme
{
    /// <summary>Coarse stage only, on end devices in sequential round robin (eq. 1).</summary>
    End,

    /// <summary>Coarse stage on end devices, then every fine task to the cloud(s) in turn (eq. 2).</summary>
    EndCloud,

    /// <summary>Coarse stage on end devices, then fine tasks to edge devices in turn (eq. 3).</summary>
    EndEdge,
}
