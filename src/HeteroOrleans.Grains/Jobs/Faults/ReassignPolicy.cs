namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>
/// The paper's Reassign: a copy past its time-out is given up; once every task had its one pass, each unfinished
/// task goes through all the job's original devices of its role in turn, whatever their state, until one answers.
/// Every dead device on the way costs its time-out.
/// </summary>
internal sealed class ReassignPolicy : FaultPolicy
{
    /// <inheritdoc />
    public override FaultMethod Method => FaultMethod.Reassign;

    /// <inheritdoc />
    public override StageDecision OnLate(StageSituation situation) => StageDecision.Abandon;

    /// <inheritdoc />
    public override StageDecision OnFailed(StageSituation situation) =>
        !situation.SecondPass ? StageDecision.Defer
        : situation.OtherDeviceAvailable ? StageDecision.RetryElsewhere
        : StageDecision.Lose;

    /// <inheritdoc />
    /// <remarks>Each device once, starting a turn further each task.</remarks>
    public override IReadOnlyList<string> SecondPassOrder(IReadOnlyList<string> devices, int turn) =>
        [.. Enumerable.Range(0, devices.Count).Select(i => devices[(turn + i) % devices.Count])];
}
