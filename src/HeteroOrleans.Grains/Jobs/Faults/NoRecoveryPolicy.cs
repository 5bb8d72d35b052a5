namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>The paper's "without fault tolerance": a copy past its time-out is given up, and its task is lost.</summary>
internal sealed class NoRecoveryPolicy : IFaultPolicy
{
    /// <inheritdoc />
    public FaultMethod Method => FaultMethod.None;

    /// <inheritdoc />
    public bool FollowsMonitor => false;

    /// <inheritdoc />
    public StageDecision OnLate(StageSituation situation) => StageDecision.Abandon;

    /// <inheritdoc />
    public StageDecision OnFailed(StageSituation situation) => StageDecision.Lose;
}
