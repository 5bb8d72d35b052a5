using System.Diagnostics;
using HeteroOrleans.Inference.Models;

namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>
/// The machine's own rate for the cheapest work that answers an image: the end tier's model and the edge tier's model
/// over it, in batches of 50 on plain ONNX Runtime sessions of one thread, one worker per core, every core busy. No
/// serving system on this machine can answer faster.
/// </summary>
public static class OnnxCeiling
{
    private const int Batch = 50;

    /// <summary>Images a second both models together get through on <paramref name="cores"/> cores, timed over <paramref name="duration"/>.</summary>
    public static async Task<double> MeasureAsync(
        ModelStore store, string coarseModel, string fineModel, CifarDataset images, int cores, TimeSpan duration, CancellationToken cancellation)
    {
        var pixels = images.Repeat(Batch).CreateTask(0, Batch).Pixels;
        var workers = Enumerable.Range(0, cores).Select(_ => Task.Run(() =>
        {
            using var coarse = store.OpenClassifier(coarseModel, new SessionTuning(1));
            using var fine = store.OpenClassifier(fineModel, new SessionTuning(1));

            // One pass each first: a session's first run pays for allocation and kernel choice.
            coarse.Classify(pixels, Batch);
            fine.Classify(pixels, Batch);
            var (done, clock) = (0, Stopwatch.StartNew());
            while (clock.Elapsed < duration && !cancellation.IsCancellationRequested)
            {
                coarse.Classify(pixels, Batch);
                fine.Classify(pixels, Batch);
                done += Batch;
            }

            return done / clock.Elapsed.TotalSeconds;
        }, cancellation)).ToList();
        return (await Task.WhenAll(workers)).Sum();
    }
}
