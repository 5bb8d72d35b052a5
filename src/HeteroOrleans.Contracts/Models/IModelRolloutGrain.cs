namespace HeteroOrleans.Contracts.Models;

/// <summary>
/// Rolls a new version of a model out to the devices of one tier: a canary share of their images first, compared with the
/// version they run, then every image — or back, by itself, when the candidate is worse by the spec's margins. Key:
/// <c>TIER/MODEL</c> (see <see cref="KeyOf"/>).
/// </summary>
public interface IModelRolloutGrain : IGrainWithStringKey
{
    /// <summary>Starts a canary of <paramref name="spec"/>'s candidate; returns once every device of the tier running the model has loaded it.</summary>
    /// <exception cref="ArgumentException">The spec is invalid, names no version of the manifest, or a canary is running.</exception>
    Task<RolloutState> StartAsync(RolloutSpec spec);

    /// <summary>Where the rollout stands.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<RolloutState> GetStateAsync();

    /// <summary>
    /// The versions a device of the tier runs now: a device asks as it activates. It interleaves with a start or a
    /// decision, which may be waiting on that very device to load a version.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ModelPlan> GetPlanAsync();

    /// <summary>A device's comparison of the candidate with the active version on some images.</summary>
    [Orleans.Concurrency.OneWay]
    Task ReportAsync(CanaryReport report);

    /// <summary>Ends a running canary by going back to the active version.</summary>
    Task<RolloutState> AbortAsync(string reason);

    /// <summary>The grain key of model <paramref name="modelId"/>'s rollout on <paramref name="tier"/>.</summary>
    static string KeyOf(Tier tier, string modelId) => $"{tier}/{modelId}";
}
