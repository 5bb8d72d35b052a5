using HeteroOrleans.Grains.Jobs;
using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Models;

/// <summary>
/// Rolls a version of a model out to the devices of one tier (key <c>TIER/MODEL</c>): tells them to load it and give it a
/// canary share of their images, adds up their comparisons with the active version, and tells them to run it for every
/// image, or to go back, as <see cref="CanaryJudge"/> decides. The plan is stored where jobs are, so that devices
/// activated after its silo is gone still run what was decided.
/// </summary>
public sealed class ModelRolloutGrain(
    [PersistentState("rollout", JobStorage.Name)] IPersistentState<RolloutRecord> stored, SharedClassifiers classifiers,
    TimeProvider time, ILogger<ModelRolloutGrain> logger)
    : Grain, IModelRolloutGrain
{
    // How long a start or a decision waits for the devices to load what they are told; one slower loads it all the same.
    private static readonly TimeSpan LoadWait = TimeSpan.FromSeconds(20);
    private const int WriteEveryImages = 100;

    private Tier _tier;
    private string _modelId = "";
    private int _writtenAt;

    private RolloutRecord Record => stored.State;

    private ModelPlan Plan => Record.Plan ?? throw new InvalidOperationException("The rollout is not activated.");

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var parts = key.Split('/', 2);
        if (parts.Length != 2 || !Enum.TryParse(parts[0], out _tier) || !classifiers.Store.Manifest.Contains(parts[1]))
        {
            throw new ArgumentException($"Rollout '{key}': the key is TIER/MODEL, a tier and a model id of the manifest.");
        }

        _modelId = parts[1];
        Record.Plan ??= new ModelPlan(classifiers.Store.Manifest.Get(_modelId).Reference, null, 0, 0);
        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RolloutState> StartAsync(RolloutSpec spec)
    {
        var manifest = classifiers.Store.Manifest;
        var problem = spec.Problem()
            ?? (spec.Tier != _tier || spec.ModelId != _modelId ? $"this rollout is of {_modelId} on {_tier}, not of {spec.ModelId} on {spec.Tier}" : null)
            ?? (!manifest.Contains(spec.Candidate)
                ? $"the manifest has no '{spec.Candidate}' (versions of {_modelId}: {string.Join(", ", manifest.VersionsOf(_modelId).Select(e => e.Reference))})"
                : null)
            ?? (manifest.Get(spec.Candidate).Reference == Plan.Active ? $"the {_tier} devices run {Plan.Active} already" : null)
            ?? (Record.Phase == RolloutPhase.Canary ? $"a canary of {Plan.Candidate} is running; wait for its verdict or abort it" : null);
        // A tier none of whose live devices runs the model has nothing to roll out to: said at once, not as a roll-back.
        if (problem is null && (await TierDevicesAsync()).Count == 0)
        {
            problem = $"no live {_tier} device runs {_modelId}";
        }

        if (problem is not null)
        {
            throw new ArgumentException($"Rollout of {spec.Candidate} on {spec.Tier}: {problem}.");
        }

        var candidate = manifest.Get(spec.Candidate).Reference;
        (Record.Phase, Record.Spec, Record.Compared, Record.Reason, Record.DecidedAtUtc) = (RolloutPhase.Canary, spec with { Candidate = candidate }, new CanaryTally(), null, null);
        Record.Plan = new ModelPlan(Plan.Active, candidate, spec.CanaryShare, Plan.Generation + 1);
        await stored.WriteStateAsync();
        logger.LogInformation("Rollout {Key}: canary of {Candidate} on {Share:P0} of the images, {Images} compared before the verdict", this.GetPrimaryKeyString(), candidate, spec.CanaryShare, spec.CanaryImages);
        Record.Devices = await PushAsync(Record.Plan);
        _writtenAt = 0;
        if (Record.Devices == 0)
        {
            await DecideAsync(new CanaryVerdict(false, $"no {_tier} device that runs {_modelId} took {candidate} (the silos' logs say why)"));
            return State();
        }

        await stored.WriteStateAsync();
        return State();
    }

    /// <inheritdoc />
    public Task<RolloutState> GetStateAsync() => Task.FromResult(State());

    /// <inheritdoc />
    public Task<ModelPlan> GetPlanAsync() => Task.FromResult(Plan);

    /// <inheritdoc />
    public async Task ReportAsync(CanaryReport report)
    {
        // A report of an earlier plan (a device that had not yet switched) says nothing of this one.
        if (Record.Phase != RolloutPhase.Canary || report.Generation != Plan.Generation || report.Candidate != Plan.Candidate || Record.Spec is not { } spec)
        {
            return;
        }

        Record.Compared = Record.Compared.Add(report);
        if (CanaryJudge.Judge(spec, Record.Compared) is { } verdict)
        {
            await DecideAsync(verdict);
        }
        else if (Record.Compared.Images - _writtenAt >= WriteEveryImages)
        {
            _writtenAt = Record.Compared.Images;
            await stored.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task<RolloutState> AbortAsync(string reason)
    {
        if (Record.Phase == RolloutPhase.Canary)
        {
            await DecideAsync(new CanaryVerdict(false, $"aborted: {reason}"));
        }

        return State();
    }

    private async Task DecideAsync(CanaryVerdict verdict)
    {
        var plan = Plan;
        var active = verdict.RollOut ? plan.Candidate! : plan.Active;
        (Record.Phase, Record.Reason, Record.DecidedAtUtc) = (verdict.RollOut ? RolloutPhase.RolledOut : RolloutPhase.RolledBack, verdict.Reason, time.GetUtcNow().UtcDateTime);
        Record.Plan = new ModelPlan(active, null, 0, plan.Generation + 1);
        await stored.WriteStateAsync();
        logger.LogInformation("Rollout {Key}: {Candidate} {Verdict} — {Reason}", this.GetPrimaryKeyString(), plan.Candidate, verdict.RollOut ? "rolled out" : "rolled back", verdict.Reason);
        Record.Devices = await PushAsync(Record.Plan);
        await stored.WriteStateAsync();
    }

    // Tells every device of the tier that runs the model, wherever it lives, and counts those that took the plan in time.
    private async Task<int> PushAsync(ModelPlan plan)
    {
        var devices = await TierDevicesAsync();
        var taken = await Task.WhenAll(devices.Select(async d =>
        {
            try
            {
                await GrainFactory.GetDevice(_tier, d.Profile.Id).TakePlanAsync(plan).WaitAsync(LoadWait);
                return true;
            }
            catch (Exception e)
            {
                logger.LogWarning("Rollout {Key}: device {Device} has not taken plan {Generation} yet ({Error}); it reads the plan when it activates",
                    this.GetPrimaryKeyString(), d.Profile.Id, plan.Generation, e.Message);
                return false;
            }
        }));
        return taken.Count(t => t);
    }

    // The devices of the tier that run the model, wherever they live, but those the monitor knows to be down.
    private async Task<List<DeviceRegistration>> TierDevicesAsync() =>
        [.. (await GrainFactory.GetGrain<IDeviceMonitorGrain>(0).GetDevicesAsync())
            .Where(d => d.Profile.Tier == _tier && d.Profile.ModelId == _modelId && d.Health != DeviceHealth.Down)];

    private RolloutState State() =>
        new(Record.Phase, Plan, Record.Spec, Record.Compared, Record.Devices, Record.Reason, Record.DecidedAtUtc);
}
