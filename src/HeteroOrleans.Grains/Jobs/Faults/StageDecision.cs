namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>What a job does with a stage whose copy went late or failed.</summary>
internal enum StageDecision
{
    /// <summary>Keep waiting for the copies already running.</summary>
    KeepWaiting,

    /// <summary>Keep the late copy and send a backup copy to another device of the same role; the first answer wins.</summary>
    Hedge,

    /// <summary>Give the late copy up as failed (the paper's communication time-out), then decide as for a failure.</summary>
    Abandon,

    /// <summary>Send the stage to another device of the same role now.</summary>
    RetryElsewhere,

    /// <summary>No device of the role is live: wait, visibly, until one is (or the job's deadline passes).</summary>
    WaitForDevice,

    /// <summary>Leave the task for a second pass once every task had its first (the paper's Reassign).</summary>
    Defer,

    /// <summary>Give the task up: its images stay without a result.</summary>
    Lose,
}
