using System.Diagnostics;

namespace HeteroOrleans.Inference.Models;

/// <summary>Runs two versions of a model over the same images: what a canary measures live, measured offline first.</summary>
public static class ModelComparison
{
    private const int BatchSize = 64;

    /// <summary>Compares <paramref name="candidate"/> with <paramref name="baseline"/> on <paramref name="images"/>.</summary>
    /// <exception cref="ModelManifestException">A model is unknown, or the two predict different label sets.</exception>
    public static VersionComparison Compare(ModelStore store, string baseline, string candidate, CifarDataset images)
    {
        var tuning = new SessionTuning(1);
        using var before = store.OpenClassifier(baseline, tuning);
        using var after = store.OpenClassifier(candidate, tuning);
        if (before.Entry.Labels != after.Entry.Labels)
        {
            throw new ModelManifestException(
                $"{before.Entry.Reference} predicts {before.Entry.Labels} labels and {after.Entry.Reference} {after.Entry.Labels}: only versions of one label set compare.");
        }

        // One run each first: a session's first run pays for allocation and kernel choice.
        before.Classify(new byte[CifarDataset.ImageBytes], 1);
        after.Classify(new byte[CifarDataset.ImageBytes], 1);
        var (agreed, beforeRight, afterRight) = (0, 0, 0);
        var (beforeConfidence, afterConfidence, beforeMs, afterMs) = (0.0, 0.0, 0.0, 0.0);
        for (var index = 0; index < images.TaskCount(BatchSize); index++)
        {
            var batch = images.Batch(index, BatchSize);
            var (old, oldMs) = Timed(() => before.Classify(batch.Pixels, batch.Count));
            var (@new, newMs) = Timed(() => after.Classify(batch.Pixels, batch.Count));
            (beforeMs, afterMs) = (beforeMs + oldMs, afterMs + newMs);
            for (var i = 0; i < batch.Count; i++)
            {
                var truth = before.Entry.Labels == LabelSet.Coarse ? batch.CoarseLabels[i] : batch.FineLabels[i];
                agreed += old.Labels[i] == @new.Labels[i] ? 1 : 0;
                beforeRight += old.Labels[i] == truth ? 1 : 0;
                afterRight += @new.Labels[i] == truth ? 1 : 0;
                (beforeConfidence, afterConfidence) = (beforeConfidence + old.Confidences[i], afterConfidence + @new.Confidences[i]);
            }
        }

        double n = Math.Max(1, images.Count);
        return new VersionComparison(
            before.Entry.Reference, after.Entry.Reference, images.Count, agreed / n, beforeConfidence / n, afterConfidence / n,
            beforeMs / n, afterMs / n, beforeRight / n, afterRight / n);
    }

    private static (Classification Value, double Ms) Timed(Func<Classification> run)
    {
        var started = Stopwatch.GetTimestamp();
        var value = run();
        return (value, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
