using HeteroOrleans.Inference.Models;

namespace HeteroOrleans.Inference.Privacy;

/// <summary>
/// Picks where to cut a model for an untrusted device: the legal cut with the least expected time per image. A deeper
/// cut sends less and leaves the untrusted device less to do, but gives the trusted devices more (Neurosurgeon's
/// trade-off, per link).
/// </summary>
/// <remarks>
/// A job keeps many tasks in flight, so while one task's tensor travels and its tail runs, trusted devices already run
/// the heads of the next ones: the untrusted device's stream goes as fast as the slower of its own side (transfer and
/// tail, one task after another) and its trusted devices, which run its heads side by side besides their own work on
/// each image. The expected time per image is the larger of the two, not their sum, which is what a single inference
/// would take.
/// </remarks>
public static class CutChoice
{
    /// <summary>The cut of <paramref name="cuts"/> with the least <see cref="ExpectedMsPerImage"/>; the earliest of equals.</summary>
    /// <exception cref="ArgumentException">The model has no legal cut.</exception>
    public static ModelCut Best(IReadOnlyList<ModelCut> cuts, CutCosts costs) =>
        cuts.Count > 0 ? cuts.MinBy(c => ExpectedMsPerImage(c, costs))! : throw new ArgumentException("The model has no legal cut to choose from.", nameof(cuts));

    /// <summary>
    /// One image's time in the untrusted device's stream at <paramref name="cut"/>: the larger of its transfer plus tail,
    /// and the trusted devices' own work and head for it, spread over those that serve the stream. The link's latency is
    /// the same for every cut and left out.
    /// </summary>
    public static double ExpectedMsPerImage(ModelCut cut, CutCosts costs)
    {
        var transferMs = costs.BandwidthMbps > 0 ? cut.BytesPerImage(costs.Encoding) * 8 / (costs.BandwidthMbps * 1000) : 0;
        var untrustedMs = transferMs + costs.UntrustedMsPerFlop * (cut.TotalFlops - cut.HeadFlops);
        var trustedMs = (costs.TrustedOwnMsPerImage + costs.TrustedMsPerFlop * cut.HeadFlops) / Math.Max(1, costs.TrustedPerUntrusted);
        return Math.Max(untrustedMs, trustedMs);
    }
}
