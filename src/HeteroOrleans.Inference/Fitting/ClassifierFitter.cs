using Google.Protobuf;
using HeteroOrleans.Inference.Models;
using Onnx;

namespace HeteroOrleans.Inference.Fitting;

/// <summary>
/// Fits a network's final classifier layer on a training set by ridge regression on its pooled features (a
/// random-feature readout): the convolutional layers keep their weights, the last dense layer gets the
/// least-squares answer. No deep-learning framework is needed, and it works on any model whose output comes
/// from a Gemm over a named feature tensor.
/// </summary>
public static class ClassifierFitter
{
    private const int BatchSize = 100;

    /// <summary>Returns a copy of <paramref name="model"/> with its classifier fitted on <paramref name="train"/>.</summary>
    /// <param name="progress">Called with the number of images whose features are computed so far.</param>
    /// <exception cref="ModelManifestException">The model's output is not a Gemm over the feature tensor.</exception>
    public static (ModelProto Model, FitReport Report) Fit(
        ModelProto model, ModelEntry entry, CifarDataset train, double relativeRidge, SessionTuning tuning, Action<int>? progress = null)
    {
        var fitted = model.Clone();
        var (weightName, biasName) = ClassifierLayer(fitted, entry);
        var (features, width) = ComputeFeatures(fitted, entry, train, tuning, progress);
        var classes = entry.ClassCount;
        var targets = new double[train.Count * classes];
        for (var i = 0; i < train.Count; i++)
        {
            targets[i * classes + Label(train, i, entry.Labels)] = 1;
        }

        var (weights, bias) = RidgeRegression.Fit(features, train.Count, width, targets, classes, relativeRidge);

        // Ridge regression on one-hot targets gives scores of about 0 to 1, whose softmax is nearly flat: scale them so
        // that the softmax is calibrated, which the confidence a device reports (and escalation) relies on. A positive
        // scale leaves every predicted class as it was.
        var temperature = Calibration.Temperature(Scores(features, width, weights, bias, classes, train.Count), classes,
            Enumerable.Range(0, train.Count).Select(i => Label(train, i, entry.Labels)).ToArray());
        weights = weights.Select(w => w / temperature).ToArray();
        bias = bias.Select(b => b / temperature).ToArray();

        // Gemm with transB = 1 stores the weight as [classes, features].
        var transposed = new float[classes * width];
        for (var c = 0; c < classes; c++)
        {
            for (var j = 0; j < width; j++)
            {
                transposed[c * width + j] = (float)weights[j * classes + c];
            }
        }

        Replace(fitted, weightName, [classes, width], transposed);
        Replace(fitted, biasName, [classes], bias.Select(b => (float)b).ToArray());
        var accuracy = TrainAccuracy(features, width, weights, bias, classes, train, entry.Labels);
        return (fitted, new FitReport(train.Source, train.Count, width, relativeRidge, accuracy, DateTime.UtcNow, temperature));
    }

    private static double[] Scores(double[] features, int width, double[] weights, double[] bias, int classes, int count)
    {
        var scores = new double[count * classes];
        for (var i = 0; i < count; i++)
        {
            var row = scores.AsSpan(i * classes, classes);
            bias.CopyTo(row);
            for (var j = 0; j < width; j++)
            {
                var f = features[i * width + j];
                for (var c = 0; c < classes; c++)
                {
                    row[c] += f * weights[j * classes + c];
                }
            }
        }

        return scores;
    }

    private static int Label(CifarDataset data, int index, LabelSet labels) =>
        labels == LabelSet.Coarse ? data.CoarseLabel(index) : data.FineLabel(index);

    private static (string Weight, string Bias) ClassifierLayer(ModelProto model, ModelEntry entry)
    {
        var node = model.Graph.Node.FirstOrDefault(n => n.Output.Contains(entry.Output));
        var transB = node?.Attribute.FirstOrDefault(a => a.Name == "transB")?.I ?? 0;
        if (node is null || node.OpType != "Gemm" || node.Input.Count < 3 || node.Input[0] != entry.Features || transB != 1)
        {
            throw new ModelManifestException(
                $"model '{entry.Id}': its output '{entry.Output}' is not a Gemm (transB = 1, with bias) over '{entry.Features}', so its classifier cannot be fitted.");
        }

        return (node.Input[1], node.Input[2]);
    }

    private static (double[] Features, int Width) ComputeFeatures(
        ModelProto model, ModelEntry entry, CifarDataset train, SessionTuning tuning, Action<int>? progress)
    {
        using var extractor = TensorSession.Open(GraphSplitter.Split(model, entry.Features).Head, tuning);
        double[]? features = null;
        var width = 0;
        for (var first = 0; first < train.Count; first += BatchSize)
        {
            var count = Math.Min(BatchSize, train.Count - first);
            var pixels = train.Batch(first / BatchSize, BatchSize).Pixels;
            var (values, dims) = extractor.Run(OnnxClassifier.ToFloats(pixels), [count, 3, 32, 32]);
            width = dims[1];
            features ??= new double[train.Count * width];
            for (var i = 0; i < values.Length; i++)
            {
                features[first * width + i] = values[i];
            }

            progress?.Invoke(first + count);
        }

        return (features ?? [], width);
    }

    private static double TrainAccuracy(double[] features, int width, double[] weights, double[] bias, int classes, CifarDataset train, LabelSet labels)
    {
        var correct = 0;
        var scores = new double[classes];
        for (var i = 0; i < train.Count; i++)
        {
            bias.CopyTo(scores, 0);
            for (var j = 0; j < width; j++)
            {
                var f = features[i * width + j];
                for (var c = 0; c < classes; c++)
                {
                    scores[c] += f * weights[j * classes + c];
                }
            }

            correct += Array.IndexOf(scores, scores.Max()) == Label(train, i, labels) ? 1 : 0;
        }

        return train.Count == 0 ? 0 : (double)correct / train.Count;
    }

    private static void Replace(ModelProto model, string name, long[] dims, float[] values)
    {
        var tensor = model.Graph.Initializer.Single(t => t.Name == name);
        tensor.FloatData.Clear();
        tensor.Dims.Clear();
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes);
    }
}
