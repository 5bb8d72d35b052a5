namespace HeteroOrleans.Inference.Fitting;

/// <summary>Temperature scaling (Guo et al., 2017): the one softmax temperature that makes a classifier's confidences honest.</summary>
public static class Calibration
{
    private const double LowestLogScale = -5;   // temperature up to e^5 ≈ 150
    private const double HighestLogScale = 8;   // temperature down to e^-8 ≈ 0.0003
    private const int Steps = 60;

    /// <summary>
    /// The temperature T that minimises the mean negative log-likelihood of softmax(scores / T) for
    /// <paramref name="labels"/>; <paramref name="scores"/> is row-major <c>[labels.Length, classes]</c>. The loss is
    /// convex in 1 / T, so a golden-section search over its logarithm finds the minimum.
    /// </summary>
    public static double Temperature(double[] scores, int classes, int[] labels)
    {
        if (labels.Length == 0)
        {
            return 1;
        }

        double Loss(double logScale)
        {
            var scale = Math.Exp(logScale);
            double total = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                var row = scores.AsSpan(i * classes, classes);
                var max = double.MinValue;
                foreach (var s in row)
                {
                    max = Math.Max(max, s);
                }

                double sum = 0;
                foreach (var s in row)
                {
                    sum += Math.Exp(scale * (s - max));
                }

                total += Math.Log(sum) - scale * (row[labels[i]] - max);
            }

            return total / labels.Length;
        }

        var ratio = (Math.Sqrt(5) - 1) / 2;
        var (lo, hi) = (LowestLogScale, HighestLogScale);
        var a = hi - ratio * (hi - lo);
        var b = lo + ratio * (hi - lo);
        var (fa, fb) = (Loss(a), Loss(b));
        for (var step = 0; step < Steps; step++)
        {
            if (fa < fb)
            {
                (hi, b, fb) = (b, a, fa);
                a = hi - ratio * (hi - lo);
                fa = Loss(a);
            }
            else
            {
                (lo, a, fa) = (a, b, fb);
                b = lo + ratio * (hi - lo);
                fb = Loss(b);
            }
        }

        return 1 / Math.Exp((lo + hi) / 2);
    }
}
