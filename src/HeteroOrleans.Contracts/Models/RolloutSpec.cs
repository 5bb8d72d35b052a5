namespace HeteroOrleans.Contracts.Models;

/// <summary>A rollout to start: which version, on which tier's devices, how large a canary, and when it counts as worse.</summary>
/// <param name="Candidate">The version to roll out (<c>id@version</c>); the devices of <paramref name="Tier"/> that run model <c>id</c> take it.</param>
/// <param name="Tier">The tier whose devices change.</param>
/// <param name="CanaryShare">Share of the images the candidate answers during the canary, more than 0 and at most 1.</param>
/// <param name="CanaryImages">Images compared before the candidate is rolled out to every image.</param>
/// <param name="AgreementMargin">The candidate is worse when it agrees with the active version on fewer than 1 − margin of the images.</param>
/// <param name="ConfidenceMargin">… or when its mean confidence is more than this below the active version's.</param>
/// <param name="LatencyMargin">… or when its compute time per image is more than 1 + margin times the active version's.</param>
[GenerateSerializer, Immutable]
public sealed record RolloutSpec(
    [property: Id(0)] string Candidate,
    [property: Id(1)] Tier Tier,
    [property: Id(2)] double CanaryShare = RolloutSpec.DefaultCanaryShare,
    [property: Id(3)] int CanaryImages = RolloutSpec.DefaultCanaryImages,
    [property: Id(4)] double AgreementMargin = RolloutSpec.DefaultAgreementMargin,
    [property: Id(5)] double ConfidenceMargin = RolloutSpec.DefaultConfidenceMargin,
    [property: Id(6)] double LatencyMargin = RolloutSpec.DefaultLatencyMargin)
{
    /// <summary>Default share of the images the candidate answers.</summary>
    public const double DefaultCanaryShare = 0.1;

    /// <summary>Default number of images compared before the decision.</summary>
    public const int DefaultCanaryImages = 300;

    /// <summary>Default agreement margin: a candidate must agree on 90 % of the images.</summary>
    public const double DefaultAgreementMargin = 0.1;

    /// <summary>Default confidence margin.</summary>
    public const double DefaultConfidenceMargin = 0.05;

    /// <summary>Default latency margin: a candidate may take 1.5 times as long.</summary>
    public const double DefaultLatencyMargin = 0.5;

    /// <summary>The model's id: the candidate without its version.</summary>
    public string ModelId => Candidate.Split('@')[0];

    /// <summary>Why the spec cannot be run, naming the field; null when it can.</summary>
    public string? Problem() =>
        !Candidate.Contains('@') ? $"candidate '{Candidate}': name the version to roll out, MODEL@VERSION"
        : CanaryShare is not (> 0 and <= 1) ? $"canary share {CanaryShare}: more than 0 and at most 1 (10 % is 0.1)"
        : CanaryImages is < 1 or > 1_000_000 ? $"canary images {CanaryImages}: from 1 to 1,000,000"
        : AgreementMargin is not (>= 0 and < 1) ? $"agreement margin {AgreementMargin}: from 0 to below 1"
        : ConfidenceMargin is not (>= 0 and <= 1) ? $"confidence margin {ConfidenceMargin}: from 0 to 1"
        : LatencyMargin is < 0 or > 100 ? $"latency margin {LatencyMargin}: from 0 to 100"
        : null;
}
