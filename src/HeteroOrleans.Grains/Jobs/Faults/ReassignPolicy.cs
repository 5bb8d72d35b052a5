namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>
/// The paper's Reassign: a copy past its time-out is given up; once every task had its one pass, each unfinished
/// task goes through all the job's original devices of its role in turn, whatever their state, until one answers.
/// Every dead device on the way costs its time-out.
/// </summary>
internal sealed class ReassignPolicy : IFaultPolicy
{
    /// <inheritdoc />
    public FaultMethod Method => FaultMethod.Reassign;

    /// <inheritdoc />
    public bool FollowsMonitor => false;

    /// <inheritdoc />
    public StageDecision OnLate(StageSituation situation) => StageDecision.Abandon;

    /// <inheritdoc />
    public StageDecision OnFailed(StageSituation situation) =>
        !situation.SecondPass ? StageDecision.Defer
        : situation.OtherDeviceAvailable ? StageDecision.RetryElsewhere
        : StageDecision.Lose;

    /// <summary>The second pass's order over a role's devices for the <paramref name="n"/>-th deferred task: each device once, starting a turn further each task.</summary>
    public static IEnumerable<string> SecondPassOrder(IReadOnlyList<string> devices, int n) =>
        Enumerable.Range(0, devices.Count).Select(i => devices[(n + i) % devices.Count]);
}
