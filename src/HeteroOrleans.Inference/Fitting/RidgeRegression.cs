namespace HeteroOrleans.Inference.Fitting;

/// <summary>
/// Multi-output ridge regression with an intercept: minimises ‖XW + b − Y‖² + λ‖W‖², solved in closed form
/// through the Cholesky factor of the (d×d) Gram matrix. d is a network's feature width (a few hundred), so
/// this is cheap next to computing the features.
/// </summary>
public static class RidgeRegression
{
    /// <summary>Fits weights <c>[d, outputs]</c> and bias <c>[outputs]</c>.</summary>
    /// <param name="features">Row-major <c>[n, d]</c>.</param>
    /// <param name="targets">Row-major <c>[n, outputs]</c>.</param>
    /// <param name="relativeRidge">λ as a fraction of the mean feature variance, so one value suits any feature scale.</param>
    public static (double[] Weights, double[] Bias) Fit(double[] features, int n, int d, double[] targets, int outputs, double relativeRidge)
    {
        var featureMean = ColumnMeans(features, n, d);
        var targetMean = ColumnMeans(targets, n, outputs);
        var gram = new double[d * d];
        var cross = new double[d * outputs];
        var row = new double[d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                row[j] = features[i * d + j] - featureMean[j];
            }

            for (var j = 0; j < d; j++)
            {
                var v = row[j];
                if (v == 0)
                {
                    continue;
                }

                for (var k = j; k < d; k++)
                {
                    gram[j * d + k] += v * row[k];
                }

                for (var c = 0; c < outputs; c++)
                {
                    cross[j * outputs + c] += v * (targets[i * outputs + c] - targetMean[c]);
                }
            }
        }

        var trace = 0.0;
        for (var j = 0; j < d; j++)
        {
            trace += gram[j * d + j];
            for (var k = 0; k < j; k++)
            {
                gram[j * d + k] = gram[k * d + j];
            }
        }

        var lambda = Math.Max(relativeRidge * trace / d, 1e-9);
        for (var j = 0; j < d; j++)
        {
            gram[j * d + j] += lambda;
        }

        var weights = SolveCholesky(gram, d, cross, outputs);
        var bias = new double[outputs];
        for (var c = 0; c < outputs; c++)
        {
            bias[c] = targetMean[c];
            for (var j = 0; j < d; j++)
            {
                bias[c] -= featureMean[j] * weights[j * outputs + c];
            }
        }

        return (weights, bias);
    }

    private static double[] ColumnMeans(double[] matrix, int rows, int columns)
    {
        var means = new double[columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                means[j] += matrix[i * columns + j];
            }
        }

        for (var j = 0; j < columns; j++)
        {
            means[j] /= Math.Max(rows, 1);
        }

        return means;
    }

    // Solves A X = B for symmetric positive definite A (d×d) and B (d×m), in place of a copy of B.
    private static double[] SolveCholesky(double[] a, int d, double[] b, int m)
    {
        var l = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i * d + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i * d + k] * l[j * d + k];
                }

                l[i * d + j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-12)) : sum / l[j * d + j];
            }
        }

        var x = (double[])b.Clone();
        for (var c = 0; c < m; c++)
        {
            for (var i = 0; i < d; i++)
            {
                var sum = x[i * m + c];
                for (var k = 0; k < i; k++)
                {
                    sum -= l[i * d + k] * x[k * m + c];
                }

                x[i * m + c] = sum / l[i * d + i];
            }

            for (var i = d - 1; i >= 0; i--)
            {
                var sum = x[i * m + c];
                for (var k = i + 1; k < d; k++)
                {
                    sum -= l[k * d + i] * x[k * m + c];
                }

                x[i * m + c] = sum / l[i * d + i];
            }
        }

        return x;
    }
}
