using HeteroOrleans.Inference.Cifar;
using HeteroOrleans.Inference.Models;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>Shared helpers for model tests.</summary>
internal static class TestData
{
    /// <summary>Fraction of <paramref name="data"/> that <paramref name="classifier"/> labels right.</summary>
    public static double Accuracy(OnnxClassifier classifier, CifarDataset data)
    {
        var correct = 0;
        for (var task = 0; task < data.TaskCount(50); task++)
        {
            var batch = data.CreateTask(task, 50);
            var labels = classifier.Classify(batch.Pixels, batch.Count).Labels;
            var truth = classifier.Entry.Labels == LabelSet.Coarse ? batch.CoarseLabels : batch.FineLabels;
            correct += labels.Where((label, i) => label == truth[i]).Count();
        }

        return (double)correct / data.Count;
    }
}
