using System.Collections.Concurrent;

namespace HeteroOrleans.Grains.Models;

/// <summary>
/// The model plans a silo's devices run, asked of each rollout grain once per silo: a silo of thousands of devices
/// asks once, not once a device. A plan a device is given replaces an older one here too. A plan held longer than
/// <see cref="Kept"/> is still given at once while a fresh one is asked for, so that no device's activation waits on a
/// rollout grain whose silo has just died; only the silo's first device of a model waits for the answer.
/// </summary>
public sealed class SiloModelPlans(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long a plan is used before the rollout grain is asked again (in the background).</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _plans = new(StringComparer.Ordinal);

    /// <summary>The plan of model <paramref name="modelId"/> on <paramref name="tier"/>.</summary>
    public Task<ModelPlan> GetAsync(Tier tier, string modelId)
    {
        var key = IModelRolloutGrain.KeyOf(tier, modelId);
        var entry = _plans.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            if (entry.Known is { } known)
            {
                if (time.GetElapsedTime(entry.AskedAt) > Kept && entry.Asking is null)
                {
                    Ask(key, entry);
                }

                return Task.FromResult(known);
            }

            return entry.Asking ?? Ask(key, entry);
        }
    }

    /// <summary>Keeps <paramref name="plan"/> unless a newer one is held.</summary>
    public void Remember(Tier tier, string modelId, ModelPlan plan)
    {
        var entry = _plans.GetOrAdd(IModelRolloutGrain.KeyOf(tier, modelId), _ => new Entry());
        lock (entry)
        {
            Keep(entry, plan);
        }
    }

    // Asks the rollout grain; a failed question leaves what was known, and the next device asks again.
    private Task<ModelPlan> Ask(string key, Entry entry)
    {
        entry.AskedAt = time.GetTimestamp();
        var asking = grains.GetGrain<IModelRolloutGrain>(key).GetPlanAsync();
        entry.Asking = asking;
        _ = asking.ContinueWith(
            done =>
            {
                lock (entry)
                {
                    entry.Asking = null;
                    if (done.IsCompletedSuccessfully)
                    {
                        Keep(entry, done.Result);
                    }
                }
            },
            TaskScheduler.Default);
        return asking;
    }

    private void Keep(Entry entry, ModelPlan plan)
    {
        if (entry.Known is not { } known || known.Generation <= plan.Generation)
        {
            (entry.Known, entry.AskedAt) = (plan, time.GetTimestamp());
        }
    }

    private sealed class Entry
    {
        public ModelPlan? Known { get; set; }

        public Task<ModelPlan>? Asking { get; set; }

        public long AskedAt { get; set; }
    }
}
