using System.Globalization;
using HeteroOrleans.Inference.Models;
using Onnx;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// Tables 3 and 4: the encryption heads of the fine models, and the time a job pays to keep raw pixels from the
/// untrusted cloud (End-Cloud, all fine tasks to the cloud), by cloud latency, place of encryption and precision.
/// </summary>
public sealed class PrivacyBenchmark(IReadOnlyList<SiloSettings> settings, double timeScale, Action<string> log)
{
    /// <summary>Cloud round-trip latencies of Table 4, in milliseconds.</summary>
    public static IReadOnlyList<double> LatenciesMs { get; } = [500, 1000, 1500, 2000];

    private static readonly (string Name, PrivacyMode Privacy, FeaturePrecision Precision)[] Variants =
    [
        ("end, fp32", PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp32),
        ("edge, fp32", PrivacyMode.EncryptAtEdge, FeaturePrecision.Fp32),
        ("end, fp16", PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp16),
        ("edge, fp16", PrivacyMode.EncryptAtEdge, FeaturePrecision.Fp16),
    ];

    /// <summary>Table 3: per model, the head's output per image, its parameters and file size, and the bytes it puts on a link.</summary>
    public static string Table3(ModelStore store, IEnumerable<string> modelIds)
    {
        var table = new MarkdownTable("encryption head of", "output per image", "parameters", "head file (KB)", "bytes per image fp32", "fp16", "raw image");
        foreach (var id in modelIds)
        {
            var entry = store.Manifest.Get(id);
            var split = GraphSplitter.Split(OnnxFiles.Read(store.EnsureBuilt(id)), entry.Split);
            using var head = TensorSession.Open(split.Head, SessionTuning.Default);
            var (_, dims) = head.Run(new float[CifarDataset.ImageBytes], [1, 3, 32, 32]);
            var values = dims.Skip(1).Aggregate(1, (a, b) => a * b);
            table.Add(id, string.Join(" × ", dims.Skip(1)), ParameterCount.Of(split.Head).ToString("N0", CultureInfo.InvariantCulture),
                (split.Head.CalculateSize() / 1024.0).ToString("F1", CultureInfo.InvariantCulture),
                (values * 4).ToString("N0", CultureInfo.InvariantCulture), (values * 2).ToString("N0", CultureInfo.InvariantCulture),
                CifarDataset.ImageBytes.ToString("N0", CultureInfo.InvariantCulture));
        }

        return table.ToString();
    }

    /// <summary>Overheads measured by the last <see cref="Table4Async"/>: (cloud latency in s, variant, overhead as a fraction).</summary>
    public List<(double LatencySeconds, string Variant, double Overhead)> Overheads { get; } = [];

    /// <summary>Table 4: makespans and overheads over the unencrypted job, per cloud latency.</summary>
    public async Task<string> Table4Async(CifarDataset data, CancellationToken cancellation)
    {
        await using var session = await BenchSession.StartAsync(settings, log, cancellation);
        await session.WarmAsync(data, Variants.Take(1).Concat(Variants.Skip(2).Take(1)).Append(("off", PrivacyMode.Off, FeaturePrecision.Fp32))
            .Select(v => Options(v.Item2, v.Item3, LatenciesMs[0])), cancellation);

        var table = new MarkdownTable(["cloud latency (s)", "no encryption (s)", .. Variants.Select(v => $"encrypt at {v.Name}")]);
        foreach (var latency in LatenciesMs)
        {
            var plain = await MakespanAsync(session, data, PrivacyMode.Off, FeaturePrecision.Fp32, latency, cancellation);
            var cells = new List<string> { (latency / 1000).ToString("F1", CultureInfo.InvariantCulture), plain.ToString("F1", CultureInfo.InvariantCulture) };
            foreach (var (name, privacy, precision) in Variants)
            {
                var encrypted = await MakespanAsync(session, data, privacy, precision, latency, cancellation);
                cells.Add($"{encrypted:F1} s (+{(encrypted - plain) / plain:P1})".Replace(" %", "%", StringComparison.Ordinal));
                Overheads.Add((latency / 1000, name, (encrypted - plain) / plain));
                log($"latency {latency / 1000:F1} s, {name}: {encrypted:F1} s against {plain:F1} s");
            }

            table.Add([.. cells]);
        }

        return table.ToString();
    }

    /// <summary>Table 4 as a PNG: overhead against cloud latency, one line per place of encryption and precision.</summary>
    public void SavePlot(string path)
    {
        var chart = new LineChart("Overhead of encryption against cloud latency", "cloud round-trip latency (s)", "overhead (%)");
        var variants = Overheads.Select(o => o.Variant).Distinct().ToList();
        for (var i = 0; i < variants.Count; i++)
        {
            chart.Measured($"encrypt at {variants[i]}", i,
                Overheads.Where(o => o.Variant == variants[i]).OrderBy(o => o.LatencySeconds).Select(p => (p.LatencySeconds, p.Overhead * 100)));
        }

        chart.Save(path, ScottPlot.Alignment.UpperRight);
    }

    /// <summary>What each way of sending costs in bytes and accuracy, from the runs at the first latency.</summary>
    public string PrecisionTable()
    {
        var table = new MarkdownTable("sent to the cloud", "fine accuracy", "MB sent to devices", "change in accuracy");
        var baseline = _reports.FirstOrDefault(r => r.Spec.Privacy == PrivacyMode.Off);
        foreach (var report in _reports)
        {
            var name = report.Spec.Privacy == PrivacyMode.Off ? "raw pixels" : $"{report.Spec.Privacy}, {report.Spec.FeaturePrecision}";
            table.Add(name, (report.FineAccuracy ?? 0).ToString("P2", CultureInfo.InvariantCulture), (report.LinkBytes / 1e6).ToString("F1", CultureInfo.InvariantCulture),
                baseline is null ? "" : (((report.FineAccuracy ?? 0) - (baseline.FineAccuracy ?? 0)) * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " points");
        }

        return table.ToString();
    }

    private readonly List<JobReport> _reports = [];

    private async Task<double> MakespanAsync(BenchSession session, CifarDataset data, PrivacyMode privacy, FeaturePrecision precision, double latencyMs, CancellationToken cancellation)
    {
        var report = await session.RunCompletedAsync(data, Options(privacy, precision, latencyMs), $"The {privacy} job at {latencyMs} ms", cancellation);
        if (latencyMs == LatenciesMs[0])
        {
            _reports.Add(report);
        }

        return report.MakespanMs / 1000 * timeScale;
    }

    private JobSpec Options(PrivacyMode privacy, FeaturePrecision precision, double cloudLatencyMs) =>
        new(SchedulingScheme.EndCloud, Latency: new LatencyOverrides(CloudMs: cloudLatencyMs / timeScale), Privacy: privacy, FeaturePrecision: precision);
}
