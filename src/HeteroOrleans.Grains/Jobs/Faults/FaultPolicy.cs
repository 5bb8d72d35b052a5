namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>
/// One fault-tolerance method (the paper, section 3.6), as an Akka.NET supervisor strategy is: it decides what a job
/// does when a stage's copy passes its time-out or fails (<see cref="OnLate"/>, <see cref="OnFailed"/>: plain decisions,
/// tested as such) and carries the decision out on the stage. It also owns how the job sees its devices
/// (<see cref="Watch"/>) and, for Reassign, the second pass. Nothing outside this folder asks which method a job runs.
/// </summary>
internal abstract class FaultPolicy
{
    /// <summary>The method this policy carries out.</summary>
    public abstract FaultMethod Method { get; }

    /// <summary>Decides about a copy that passed its time-out (it may still answer).</summary>
    public abstract StageDecision OnLate(StageSituation situation);

    /// <summary>Decides about a stage whose copy failed (an error, its silo gone, or given up as late).</summary>
    public abstract StageDecision OnFailed(StageSituation situation);

    /// <summary>The devices a job starts with, of those the cluster <paramref name="known"/>s and those <paramref name="available"/> now: the paper's methods take the devices that are up.</summary>
    public virtual IReadOnlyList<DeviceRegistration> StartingDevices(IReadOnlyList<DeviceRegistration> known, IReadOnlyList<DeviceRegistration> available) => available;

    /// <summary>How the job sees its devices: the paper's methods use every device they started with, whatever its state.</summary>
    public virtual IDeviceView Watch(IDeviceMonitorGrain monitor, IJobScheme scheme, IReadOnlyDictionary<string, DeviceProfile> profiles, TimeProvider time) =>
        new FixedDevices(scheme, time);

    /// <summary>Reassign's second pass: the order over a role's <paramref name="devices"/> for the <paramref name="turn"/>-th deferred task; null for methods that never defer.</summary>
    public virtual IReadOnlyList<string>? SecondPassOrder(IReadOnlyList<string> devices, int turn) => null;

    /// <summary>Decides about <paramref name="copy"/>, past its time-out, and carries the decision out on <paramref name="stage"/>.</summary>
    public void HandleLate(IStageControl stage, StageCopy copy)
    {
        switch (OnLate(new StageSituation(stage.Running(except: copy), stage.OtherDeviceAvailable(), stage.SecondPass)))
        {
            case StageDecision.Hedge:
                stage.Hedge();
                break;
            case StageDecision.Abandon:
                stage.Abandon(copy);
                break;
        }
    }

    /// <summary>Every copy of <paramref name="stage"/> straggles: a backup may be due now that a device came back.</summary>
    public void HandleStraggling(IStageControl stage)
    {
        if (OnLate(new StageSituation(stage.Running() - 1, stage.OtherDeviceAvailable())) == StageDecision.Hedge)
        {
            stage.Hedge();
        }
    }

    /// <summary>
    /// Decides about a stage whose copy failed and carries the decision out: null when the stage goes on (its other
    /// copies, or one sent again), else how it ended.
    /// </summary>
    public async Task<StageOutcome?> HandleFailedAsync(IStageControl stage) =>
        OnFailed(new StageSituation(stage.Running(), stage.OtherDeviceAvailable(), stage.SecondPass)) switch
        {
            StageDecision.KeepWaiting => null,
            StageDecision.Defer => StageOutcome.Defer,
            StageDecision.Lose => StageOutcome.Lost,
            var retry => await stage.RetryAsync(elsewhereNow: retry == StageDecision.RetryElsewhere) ? null : StageOutcome.Lost,
        };
}
