namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>What a fault policy may do to a stage whose copy went late or failed: the stage runner carries it out.</summary>
internal interface IStageControl
{
    /// <summary>Copies of the stage still running, less <paramref name="except"/>.</summary>
    int Running(StageCopy? except = null);

    /// <summary>True when another device of the stage's role may take it now (in Reassign's second pass: one not yet tried).</summary>
    bool OtherDeviceAvailable();

    /// <summary>True in Reassign's second pass: the stage goes through its devices in turn.</summary>
    bool SecondPass { get; }

    /// <summary>Sends a backup copy to another live device of the role; the first answer wins.</summary>
    void Hedge();

    /// <summary>Gives <paramref name="copy"/> up as failed: the paper's communication time-out.</summary>
    void Abandon(StageCopy copy);

    /// <summary>Sends the stage again: to another device of its role now, when <paramref name="elsewhereNow"/> and one may take it, else once one may; false when none may before the job's deadline.</summary>
    Task<bool> RetryAsync(bool elsewhereNow);
}
