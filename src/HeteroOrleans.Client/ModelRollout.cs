using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Models;

namespace HeteroOrleans.Client;

/// <summary>Starts a model version's rollout on a tier of a running cluster and follows it to its verdict.</summary>
public static class ModelRollout
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>The rollout grain of <paramref name="modelId"/> on <paramref name="tier"/>.</summary>
    public static IModelRolloutGrain Of(IGrainFactory grains, Tier tier, string modelId) =>
        grains.GetGrain<IModelRolloutGrain>(IModelRolloutGrain.KeyOf(tier, modelId));

    /// <summary>Starts the canary of <paramref name="spec"/>; returns once the tier's devices have loaded the candidate.</summary>
    /// <exception cref="ArgumentException">The cluster refused the spec; the message says why.</exception>
    public static Task<RolloutState> StartAsync(IGrainFactory grains, RolloutSpec spec) =>
        Of(grains, spec.Tier, spec.ModelId).StartAsync(spec);

    /// <summary>Reads the rollout every second, telling <paramref name="progress"/>, until it is no longer a canary.</summary>
    public static async Task<RolloutState> FollowAsync(
        IGrainFactory grains, Tier tier, string modelId, Action<RolloutState> progress, CancellationToken cancellation)
    {
        var rollout = Of(grains, tier, modelId);
        while (true)
        {
            var state = await rollout.GetStateAsync().WaitAsync(cancellation);
            progress(state);
            if (state.Phase != RolloutPhase.Canary)
            {
                return state;
            }

            await Task.Delay(Poll, cancellation);
        }
    }
}
