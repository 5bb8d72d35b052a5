namespace HeteroOrleans.Contracts.Jobs;

/// <summary>How a job survives devices that fail mid-job (the paper, section 3.6 and Table 5).</summary>
public enum FaultMethod
{
    /// <summary>No recovery: a task whose device fails is lost, and the job fails listing its images.</summary>
    None,

    /// <summary>
    /// After one pass over all tasks, unfinished tasks go through all the original devices in turn, whatever
    /// their state; each attempt on a dead device costs its timeout.
    /// </summary>
    Reassign,

    /// <summary>
    /// Tasks go only to devices the device monitor lists as available; a task whose device fails is re-queued at
    /// once to a live one.
    /// </summary>
    Monitor,
}
