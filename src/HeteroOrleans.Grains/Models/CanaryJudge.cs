namespace HeteroOrleans.Grains.Models;

/// <summary>
/// Judges a canary from its tally: a candidate that agrees with the active version too rarely is rolled back as soon as
/// that is sure, one that stays within every margin over the canary's images is rolled out.
/// </summary>
public static class CanaryJudge
{
    /// <summary>Images compared before an early roll-back may be judged.</summary>
    public const int EarliestVerdict = 50;

    // 99 % one-sided: a good candidate is rolled back early by chance about once in a hundred canaries.
    private const double Z = 2.33;

    /// <summary>The verdict on <paramref name="tally"/> under <paramref name="spec"/>; null while the canary goes on.</summary>
    public static CanaryVerdict? Judge(RolloutSpec spec, CanaryTally tally)
    {
        var least = 1 - spec.AgreementMargin;
        var measured = $"agreement {tally.Agreement:P1} over {tally.Images:N0} images, confidence {tally.ConfidenceChange:+0.000;-0.000;0.000}, compute time ×{tally.LatencyRatio:F2}";
        if (tally.Images >= EarliestVerdict && tally.Images < spec.CanaryImages && WilsonUpper(tally.Agreed, tally.Images) < least)
        {
            return new CanaryVerdict(false, $"agrees with the active version on fewer than {least:P0} of the images, surely already: {measured}");
        }

        if (tally.Images < spec.CanaryImages)
        {
            return null;
        }

        return tally.Agreement < least ? new CanaryVerdict(false, $"agreement below {least:P0}: {measured}")
            : tally.ConfidenceDrop > spec.ConfidenceMargin ? new CanaryVerdict(false, $"confidence more than {spec.ConfidenceMargin:F2} below the active version's: {measured}")
            : tally.LatencyRatio > 1 + spec.LatencyMargin ? new CanaryVerdict(false, $"compute time more than ×{1 + spec.LatencyMargin:F2} the active version's: {measured}")
            : new CanaryVerdict(true, $"within every margin: {measured}");
    }

    // The upper end of the Wilson score interval of a share of successes.
    private static double WilsonUpper(int successes, int trials)
    {
        var p = (double)successes / trials;
        var z2 = Z * Z;
        var centre = p + z2 / (2 * trials);
        var spread = Z * Math.Sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials));
        return (centre + spread) / (1 + z2 / trials);
    }
}
