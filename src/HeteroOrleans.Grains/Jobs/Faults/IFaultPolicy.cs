namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>
/// One fault-tolerance method (the paper, section 3.6): how a job picks devices, and what it does when a stage's copy
/// passes its time-out or fails. The job carries the decisions out; a policy holds no state and calls nothing.
/// </summary>
internal interface IFaultPolicy
{
    /// <summary>The method this policy carries out.</summary>
    FaultMethod Method { get; }

    /// <summary>True when tasks go only to devices the device monitor lists as live; false: to the devices the job started with, whatever their state.</summary>
    bool FollowsMonitor { get; }

    /// <summary>Decides about a copy that passed its time-out (it may still answer).</summary>
    StageDecision OnLate(StageSituation situation);

    /// <summary>Decides about a stage whose copy failed (an error, its silo gone, or given up as late).</summary>
    StageDecision OnFailed(StageSituation situation);
}
