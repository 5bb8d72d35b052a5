namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>The paper's "without fault tolerance": a copy past its time-out is given up, and its task is lost.</summary>
internal sealed class NoRecoveryPolicy : FaultPolicy
{
    /// <inheritdoc />
    public override FaultMethod Method => FaultMethod.None;

    /// <inheritdoc />
    public override StageDecision OnLate(StageSituation situation) => StageDecision.Abandon;

    /// <inheritdoc />
    public override StageDecision OnFailed(StageSituation situation) => StageDecision.Lose;
}
