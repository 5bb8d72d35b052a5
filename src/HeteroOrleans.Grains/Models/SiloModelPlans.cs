using System.Collections.Concurrent;

namespace HeteroOrleans.Grains.Models;

/// <summary>
/// The model plans a silo's devices run, asked of each rollout grain once per silo: a silo of thousands of devices
/// asks once, not once a device. A plan a device is given replaces an older one here too; an answer is kept for
/// <see cref="Kept"/> so that a device activated long after a push it missed asks again.
/// </summary>
public sealed class SiloModelPlans(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long a plan asked of a rollout grain is used without asking again.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (Task<ModelPlan> Plan, long AskedAt)> _plans = new(StringComparer.Ordinal);

    /// <summary>The plan of model <paramref name="modelId"/> on <paramref name="tier"/>.</summary>
    public Task<ModelPlan> GetAsync(Tier tier, string modelId)
    {
        var key = IModelRolloutGrain.KeyOf(tier, modelId);
        var entry = _plans.AddOrUpdate(
            key,
            k => (Ask(k), time.GetTimestamp()),
            (k, held) => held.Plan.IsFaulted || time.GetElapsedTime(held.AskedAt) > Kept ? (Ask(k), time.GetTimestamp()) : held);
        return entry.Plan;
    }

    /// <summary>Keeps <paramref name="plan"/> unless a newer one is held.</summary>
    public void Remember(Tier tier, string modelId, ModelPlan plan) =>
        _plans.AddOrUpdate(
            IModelRolloutGrain.KeyOf(tier, modelId),
            _ => (Task.FromResult(plan), time.GetTimestamp()),
            (_, held) => held.Plan.IsCompletedSuccessfully && held.Plan.Result.Generation > plan.Generation ? held : (Task.FromResult(plan), time.GetTimestamp()));

    private Task<ModelPlan> Ask(string key) => grains.GetGrain<IModelRolloutGrain>(key).GetPlanAsync();
}
