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
    // A grain / raw ratio rests on at least this many pairs, however slow the model.
    private const int MinPairs = 5;

    /// <summary>Runs the benchmark: one row per model.</summary>
    public async Task<IReadOnlyList<ModelMeasurement>> RunAsync(CifarDataset test, CancellationToken cancellation)
    {
        var batch = test.Count >= options.Batch ? test.CreateTask(0, options.Batch) : throw new ArgumentException($"Test data has fewer than {options.Batch} images.");
        var devices = options.Models.Select(id => new DeviceProfile($"bench-{id}", Tier.Edge, id, true, LinkProfile.Local, ComputeMode.Onnx, 1)).ToList();
        foreach (var id in options.Models)
        {
            log($"{id}: building if needed …");
            store.EnsureBuilt(id);
        }

        log("starting a one-silo cluster for the device-grain measurements …");
        await using var silo = await SingleSilo.StartAsync(devices, store.Manifest.Directory, cancellation);
        var rows = new List<ModelMeasurement>();
        foreach (var id in options.Models)
        {
            cancellation.ThrowIfCancellationRequested();
            var path = store.EnsureBuilt(id);
            log($"{id}: timing 1 thread …");
            using var single = store.OpenClassifier(id, new SessionTuning(1));
            var raw1 = (await Timing.SampleMsAsync(options.Runs, () => Task.Run(() => single.Classify(batch.Pixels, batch.Count)))).Over(batch.Count);
            Sample? raw2 = null;
            double? accuracy = null;
            if (!options.RatiosOnly)
            {
                log($"{id}: timing 2 threads …");
                using var dual = store.OpenClassifier(id, new SessionTuning(2));
                raw2 = (await Timing.SampleMsAsync(options.Runs, () => Task.Run(() => dual.Classify(batch.Pixels, batch.Count)))).Over(batch.Count);
                log($"{id}: accuracy on {Math.Min(options.AccuracyImages, test.Count)} images …");
                accuracy = dual.AccuracyOn(test.Take(options.AccuracyImages));
            }

            var grain = silo.Grains.GetDevice(Tier.Edge, $"bench-{id}");
            var ratios = new Dictionary<int, Sample>();
            foreach (var images in options.MeasuredRatioBatches)
            {
                log($"{id}: device grain against raw ORT at batch {images} …");
                var runs = new List<double>();
                for (var run = 0; run < options.Runs; run++)
                {
                    runs.Add(await OverheadAsync(single, grain, test.CreateTask(0, images).Pixels, images, raw1.Median * images));
                }

                ratios[images] = Sample.Of(runs);
            }

            rows.Add(new ModelMeasurement(id, store.Manifest.Get(id).Labels.ToString(), options.RatiosOnly ? 0 : ParameterCount.Of(OnnxFiles.Read(path)),
                new FileInfo(path).Length / 1e6, raw1, raw2, accuracy, ratios));
        }

        return rows;
    }

    /// <summary>Table 1 as Markdown.</summary>
    public static string ToMarkdown(IReadOnlyList<ModelMeasurement> rows)
    {
        var batches = rows.SelectMany(r => r.GrainOverRaw.Keys).Distinct().Order().ToList();
        var table = new MarkdownTable([
            "model", "labels", "parameters", "file (MB)", "ms/image 1 thread", "ms/image 2 threads", "accuracy",
            .. batches.Select(b => $"grain / raw, batch {b}")]);
        foreach (var row in rows)
        {
            table.Add([row.ModelId, row.Labels, row.Parameters.ToString("N0", CultureInfo.InvariantCulture), row.FileMegabytes.ToString("F1", CultureInfo.InvariantCulture),
                row.MsPerImage1Thread?.ToString("F3") ?? "—", row.MsPerImage2Threads?.ToString("F3") ?? "—",
                row.Accuracy?.ToString("P1", CultureInfo.InvariantCulture) ?? "—", .. batches.Select(b => row.GrainOverRaw.GetValueOrDefault(b)?.ToString("F3") ?? "—")]);
        }

        var varies = rows.Any(r => r.GrainOverRaw.Values.Append(r.MsPerImage1Thread).Append(r.MsPerImage2Threads).Any(s => s?.Varies == true));
        return table + (varies ? Environment.NewLine + Sample.Legend + Environment.NewLine : string.Empty);
    }

    // The grain and ONNX Runtime called directly take turns, so that both see the same machine; each side runs about a
    // second and a half in all, and at least MinPairs times, so that a fast model's ratio rests on many pairs.
    private static async Task<double> OverheadAsync(OnnxClassifier raw, IComputeDeviceGrain grain, byte[] pixels, int images, double batchMs)
    {
        var pairs = (int)Math.Clamp(1500 / Math.Max(0.01, batchMs), MinPairs, 400);
        var batch = new PixelBatch(0, images, pixels);
        return await Timing.MedianRatioAsync(pairs, () => Task.Run(() => raw.Classify(pixels, images)), () => grain.ClassifyAsync(batch));
    }
}
