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

    /// <summary>
    /// Reads the rollout every second, telling <paramref name="progress"/>, until it is no longer a canary. A read that
    /// fails because a silo went away (the rollout's own, which it then leaves for another) is tried again for up to
    /// <see cref="RideOut"/>.
    /// </summary>
    public static async Task<RolloutState> FollowAsync(
        IGrainFactory grains, Tier tier, string modelId, Action<RolloutState> progress, CancellationToken cancellation)
    {
        var rollout = Of(grains, tier, modelId);
        var failingSince = (DateTime?)null;
        while (true)
        {
            RolloutState state;
            try
            {
                state = await rollout.GetStateAsync().WaitAsync(ReadTimeout, cancellation);
                failingSince = null;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && !cancellation.IsCancellationRequested)
            {
                failingSince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - failingSince > RideOut)
                {
                    throw;
                }

                await Task.Delay(Poll, cancellation);
                continue;
            }

            progress(state);
            if (state.Phase != RolloutPhase.Canary)
            {
                return state;
            }

            await Task.Delay(Poll, cancellation);
        }
    }

    /// <summary>How long <see cref="FollowAsync"/> rides out failing reads.</summary>
    public static TimeSpan RideOut { get; } = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);
}
