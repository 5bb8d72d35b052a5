using System.Globalization;
using HeteroOrleans.Inference.Models;
using Onnx;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// The paper's Table 1 on this machine: per model, parameters, file size, ms/image at a batch with 1 and 2
/// intra-op threads, accuracy on the test data, and the cost of going through a device grain instead of calling
/// ONNX Runtime directly.
/// </summary>
public sealed class ModelBenchmark(ModelStore store, ModelBenchmarkOptions options, Action<string> log)
{
    /// <summary>Runs the benchmark and returns the table as Markdown.</summary>
    public async Task<string> RunAsync(CifarDataset test, CancellationToken cancellation)
    {
        var table = new MarkdownTable([
            "model", "labels", "parameters", "file (MB)", "ms/image 1 thread", "ms/image 2 threads", "accuracy",
            .. SmallBatches.Select(b => $"grain / raw, batch {b}"), $"device grain / raw ORT (1 thread), batch {options.Batch}"]);
        var batch = test.Count >= options.Batch ? test.CreateTask(0, options.Batch) : throw new ArgumentException($"Test data has fewer than {options.Batch} images.");
        var devices = options.Models.Select(id => new DeviceProfile($"bench-{id}", Tier.Edge, id, true, LinkProfile.Local, ComputeMode.Onnx, 1)).ToList();
        foreach (var id in options.Models)
        {
            log($"{id}: building if needed …");
            store.EnsureBuilt(id);
        }

        log("starting a one-silo cluster for the device-grain measurements …");
        await using var silo = await SingleSilo.StartAsync(devices, store.Manifest.Directory, cancellation);
        foreach (var id in options.Models)
        {
            cancellation.ThrowIfCancellationRequested();
            var entry = store.Manifest.Get(id);
            var path = store.EnsureBuilt(id);
            var parameters = ParameterCount.Of(OnnxFiles.Read(path));
            log($"{id}: timing 1 thread …");
            using var single = store.OpenClassifier(id, new SessionTuning(1));
            var raw1 = await Timing.MedianMsAsync(options.Runs, () => Task.Run(() => single.Classify(batch.Pixels, batch.Count))) / batch.Count;
            log($"{id}: timing 2 threads …");
            using var dual = store.OpenClassifier(id, new SessionTuning(2));
            var raw2 = await Timing.MedianMsAsync(options.Runs, () => Task.Run(() => dual.Classify(batch.Pixels, batch.Count))) / batch.Count;
            var grain = silo.Grains.GetDevice(Tier.Edge, $"bench-{id}");
            var overheads = new List<string>();
            foreach (var images in SmallBatches.Append(options.Batch))
            {
                log($"{id}: device grain against raw ORT at batch {images} …");
                overheads.Add((await OverheadAsync(single, grain, test.CreateTask(0, images).Pixels, images, raw1 * options.Batch)).ToString("F3", CultureInfo.InvariantCulture));
            }

            log($"{id}: accuracy on {Math.Min(options.AccuracyImages, test.Count)} images …");
            var accuracy = dual.AccuracyOn(test.Take(options.AccuracyImages));
            table.Add([id, entry.Labels.ToString(), parameters.ToString("N0", CultureInfo.InvariantCulture),
                (new FileInfo(path).Length / 1e6).ToString("F1", CultureInfo.InvariantCulture),
                F(raw1), F(raw2), accuracy.ToString("P1", CultureInfo.InvariantCulture), .. overheads]);
        }

        return table.ToString();
    }

    // Batches below the main one, where the grain's fixed cost weighs most.
    private static readonly int[] SmallBatches = [1, 10];

    // The grain and ONNX Runtime called directly take turns, so that both see the same machine; each side runs at least
    // the table's run count and about a second and a half in all, so that a fast model's ratio rests on many pairs.
    private async Task<double> OverheadAsync(OnnxClassifier raw, IComputeDeviceGrain grain, byte[] pixels, int images, double mainBatchMs)
    {
        var batchMs = Math.Max(0.01, mainBatchMs * images / options.Batch);
        var pairs = (int)Math.Clamp(1500 / batchMs, options.Runs, 400);
        var batch = new PixelBatch(0, images, pixels);
        return await Timing.MedianRatioAsync(pairs, () => Task.Run(() => raw.Classify(pixels, images)), () => grain.ClassifyAsync(batch));
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
