using HeteroOrleans.Grains.Jobs.Faults;

namespace HeteroOrleans.UnitTests.Dependability;

public sealed class FaultPolicyTests
{
    [Theory]
    [InlineData(FaultMethod.None, typeof(NoRecoveryPolicy))]
    [InlineData(FaultMethod.Reassign, typeof(ReassignPolicy))]
    [InlineData(FaultMethod.Monitor, typeof(MonitorPolicy))]
    public void Each_method_has_its_own_policy(FaultMethod method, Type policy)
    {
        Assert.IsType(policy, FaultPolicies.For(method));
        Assert.Equal(method, FaultPolicies.For(method).Method);
    }

    [Fact]
    public void Without_recovery_a_late_copy_is_given_up_and_its_task_lost()
    {
        var policy = new NoRecoveryPolicy();
        Assert.Equal(StageDecision.Abandon, policy.OnLate(new StageSituation(0, OtherDeviceAvailable: true)));
        Assert.Equal(StageDecision.Lose, policy.OnFailed(new StageSituation(0, OtherDeviceAvailable: true)));
    }

    [Fact]
    public void Reassign_defers_in_the_first_pass_and_goes_through_every_device_in_the_second()
    {
        var policy = new ReassignPolicy();
        Assert.Equal(StageDecision.Abandon, policy.OnLate(new StageSituation(0, true)));
        Assert.Equal(StageDecision.Defer, policy.OnFailed(new StageSituation(0, true)));
        Assert.Equal(StageDecision.RetryElsewhere, policy.OnFailed(new StageSituation(0, true, SecondPass: true)));
        Assert.Equal(StageDecision.Lose, policy.OnFailed(new StageSituation(0, false, SecondPass: true)));
        Assert.Equal(["b", "c", "a"], policy.SecondPassOrder(["a", "b", "c"], 1));
        Assert.Equal(["a", "b", "c"], policy.SecondPassOrder(["a", "b", "c"], 3));
    }

    [Fact]
    public void Monitor_hedges_a_straggler_while_another_device_is_live_and_never_loses_a_task()
    {
        var policy = new MonitorPolicy();
        Assert.Equal(StageDecision.Hedge, policy.OnLate(new StageSituation(0, true)));
        Assert.Equal(StageDecision.KeepWaiting, policy.OnLate(new StageSituation(0, false)));
        Assert.Equal(StageDecision.KeepWaiting, policy.OnLate(new StageSituation(MonitorPolicy.MaxCopies - 1, true)));
        Assert.Equal(StageDecision.KeepWaiting, policy.OnFailed(new StageSituation(1, true)));
        Assert.Equal(StageDecision.RetryElsewhere, policy.OnFailed(new StageSituation(0, true)));
        Assert.Equal(StageDecision.WaitForDevice, policy.OnFailed(new StageSituation(0, false)));
    }
}
