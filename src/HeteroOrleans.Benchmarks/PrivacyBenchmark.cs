using System.Globalization;
using HeteroOrleans.Grains.Devices;
using HeteroOrleans.Grains.Jobs;
using HeteroOrleans.Inference.Models;
using Onnx;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// Tables 3 and 4: the encryption heads of the fine models, and the time a job pays to keep raw pixels from the
/// untrusted cloud (End-Cloud, all fine tasks to the cloud), by cloud latency, place of encryption, cut and precision:
/// the paper's cut at the first convolution, and the cut <c>--split auto</c> picks.
/// </summary>
public sealed class PrivacyBenchmark(IReadOnlyList<SiloSettings> settings, PrivacyBenchmarkOptions options, Action<string> log)
{
    /// <summary>Images per job unless the bench is told otherwise: 40 tasks, so that one task's luck is a small part of a job.</summary>
    public const int DefaultImages = 2000;

    /// <summary>The cloud link's bandwidth, Mbit/s, unless the bench is told otherwise.</summary>
    public const double DefaultCloudMbps = 50;

    /// <summary>The paper's links with bandwidths: features are larger than images, so the cloud link's width matters here.</summary>
    public static DevicePreset Preset(double cloudMbps)
    {
        var paper = DevicePreset.Paper;
        return paper with
        {
            Name = $"{paper.Name}, cloud link {cloudMbps} Mbit/s, edge link 100 Mbit/s",
            Tiers = new Dictionary<Tier, TierProfile>
            {
                [Tier.End] = paper.Tiers[Tier.End],
                [Tier.Edge] = paper.Tiers[Tier.Edge] with { BandwidthMbps = 100 },
                [Tier.Cloud] = paper.Tiers[Tier.Cloud] with { BandwidthMbps = cloudMbps },
            },
        };
    }

    /// <summary>Cloud round-trip latencies of Table 4, in milliseconds.</summary>
    public static IReadOnlyList<double> LatenciesMs { get; } = [500, 1000, 1500, 2000];

    private static readonly Variant[] Variants =
    [
        new("end, conv1, fp32", PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp32, JobSpec.ManifestSplit),
        new("edge, conv1, fp32", PrivacyMode.EncryptAtEdge, FeaturePrecision.Fp32, JobSpec.ManifestSplit),
        new("end, conv1, fp16", PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp16, JobSpec.ManifestSplit),
        new("edge, conv1, fp16", PrivacyMode.EncryptAtEdge, FeaturePrecision.Fp16, JobSpec.ManifestSplit),
        new("end, auto cut, fp32", PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp32, JobSpec.AutoSplit),
        new("end, auto cut, fp16", PrivacyMode.EncryptAtEnd, FeaturePrecision.Fp16, JobSpec.AutoSplit),
        new("end, auto cut, int8", PrivacyMode.EncryptAtEnd, FeaturePrecision.Int8, JobSpec.AutoSplit),
    ];

    private static readonly Variant Plain = new("raw pixels", PrivacyMode.Off, FeaturePrecision.Fp32, JobSpec.ManifestSplit);

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

    /// <summary>
    /// What the last <see cref="Table4Async"/> measured: (cloud latency in s, variant, the encrypted job's makespan over the
    /// unencrypted one's, run by run). The overhead is this less 1.
    /// </summary>
    public List<(double LatencySeconds, string Variant, Sample Ratio)> Overheads { get; } = [];

    /// <summary>A makespan ratio written as the overhead it means: 1.10 as "+10.0%".</summary>
    public static string Overhead(double ratio)
    {
        // Rounded first, and -0 made +0, so that a ratio a hair under 1 reads "+0.0%" and not "-+0.0%" or "-0.0%".
        var percent = Math.Round((ratio - 1) * 100, 1) + 0.0;
        return percent.ToString("+0.0;-0.0;+0.0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>Table 4: makespans and overheads over the unencrypted job, per cloud latency.</summary>
    public async Task<string> Table4Async(CifarDataset data, CancellationToken cancellation)
    {
        var variants = Variants.Where(v => !options.AutoCutOnly || v.Split == JobSpec.AutoSplit).ToList();
        await using var session = await BenchSession.StartAsync(settings, log, cancellation);
        await session.WarmAsync(data, variants.Where(v => v.Privacy == PrivacyMode.EncryptAtEnd).Append(Plain).Select(v => Options(v, options.MeasuredLatenciesMs[0])), cancellation);

        var table = new MarkdownTable(["cloud latency (s)", "no encryption (s)", .. variants.Select(v => $"encrypt at {v.Name}")]);
        var varies = false;
        foreach (var latency in options.MeasuredLatenciesMs)
        {
            // Each run measures the unencrypted job and then every variant, so that each overhead compares jobs run side by side.
            var runs = new List<double[]>();
            for (var run = 0; run < options.Runs; run++)
            {
                var plainAndVariants = new List<double> { await MakespanAsync(session, data, Plain, latency, run, cancellation) };
                foreach (var variant in variants)
                {
                    plainAndVariants.Add(await MakespanAsync(session, data, variant, latency, run, cancellation));
                }

                runs.Add([.. plainAndVariants]);
            }

            var plain = Sample.Of(runs.Select(r => r[0]));
            var cells = new List<string> { (latency / 1000).ToString("F1", CultureInfo.InvariantCulture), plain.ToString("F1") };
            for (var i = 0; i < variants.Count; i++)
            {
                var encrypted = Sample.Of(runs.Select(r => r[i + 1]));
                var ratio = encrypted.Over(plain);
                varies |= ratio.Varies;
                cells.Add($"{encrypted.Median.ToString("F1", CultureInfo.InvariantCulture)} s ({ratio.ToString(Overhead)})");
                Overheads.Add((latency / 1000, variants[i].Name, ratio));
                log($"latency {latency / 1000:F1} s, {variants[i].Name}: {encrypted.ToString("F1")} s against {plain.ToString("F1")} s: {ratio.ToString(Overhead)}");
            }

            table.Add([.. cells]);
        }

        return table + (varies ? Environment.NewLine + Sample.Legend + Environment.NewLine : string.Empty);
    }

    /// <summary>Table 4 as a PNG: overhead against cloud latency, one line per place of encryption and precision.</summary>
    public void SavePlot(string path)
    {
        var chart = new LineChart("Overhead of encryption against cloud latency", "cloud round-trip latency (s)", "overhead (%)");
        var variants = Overheads.Select(o => o.Variant).Distinct().ToList();
        for (var i = 0; i < variants.Count; i++)
        {
            chart.Measured($"encrypt at {variants[i]}", i,
                Overheads.Where(o => o.Variant == variants[i]).OrderBy(o => o.LatencySeconds).Select(p => (p.LatencySeconds, (p.Ratio.Median - 1) * 100)));
        }

        chart.Save(path, ScottPlot.Alignment.UpperRight);
    }

    /// <summary>What each way of sending costs in bytes and accuracy, from the runs at the first latency.</summary>
    public string PrecisionTable()
    {
        var table = new MarkdownTable("sent to the cloud", "cut", "fine accuracy", "MB sent to devices", "change in accuracy");
        var baseline = _reports.FirstOrDefault(r => r.Variant == Plain).Report;
        foreach (var (variant, report) in _reports)
        {
            var cut = variant == Plain ? "" : report.Plan.Split("; ").FirstOrDefault(p => p.Contains(" cut at ", StringComparison.Ordinal)) ?? "";
            table.Add(variant.Name, cut, (report.FineAccuracy ?? 0).ToString("P2", CultureInfo.InvariantCulture), (report.LinkBytes / 1e6).ToString("F1", CultureInfo.InvariantCulture),
                baseline is null ? "" : (((report.FineAccuracy ?? 0) - (baseline.FineAccuracy ?? 0)) * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " points");
        }

        return table.ToString();
    }

    private readonly List<(Variant Variant, JobReport Report)> _reports = [];

    private async Task<double> MakespanAsync(BenchSession session, CifarDataset data, Variant variant, double latencyMs, int run, CancellationToken cancellation)
    {
        var report = await session.RunCompletedAsync(data, Options(variant, latencyMs), $"The {variant.Name} job at {latencyMs} ms", cancellation);
        if (latencyMs == options.MeasuredLatenciesMs[0] && run == 0)
        {
            _reports.Add((variant, report));
        }

        return report.MakespanMs / 1000 * options.TimeScale;
    }

    private JobSpec Options(Variant variant, double cloudLatencyMs) =>
        new(SchedulingScheme.EndCloud, Latency: new LatencyOverrides(Cloud: TimeSpan.FromMilliseconds(cloudLatencyMs / options.TimeScale)), Privacy: variant.Privacy,
            FeaturePrecision: variant.Precision, Split: variant.Split);

    /// <summary>
    /// The cut <c>--split auto</c> picks for each fine model on the untrusted cloud, at each cloud bandwidth and precision:
    /// the job's own decision, for the bench's devices with the cloud running that model at its speed per operation.
    /// </summary>
    public static string CutTable(SharedClassifiers classifiers, IReadOnlyList<DeviceProfile> devices, IEnumerable<string> fineModels, IReadOnlyList<double> bandwidthsMbps, double timeScale)
    {
        var cloud = devices.First(d => d.Tier == Tier.Cloud);
        var cloudMsPerFlop = cloud.MsPerImage / classifiers.GetCuts(cloud.ModelId).TotalFlops;
        FeaturePrecision[] precisions = [FeaturePrecision.Fp32, FeaturePrecision.Fp16, FeaturePrecision.Int8];
        var table = new MarkdownTable(["model", "cloud link (Mbit/s)", .. precisions.Select(p => $"auto cut, {p} (head share, bytes/image)")]);
        foreach (var model in fineModels)
        {
            var cuts = classifiers.GetCuts(model);
            var target = cloud with { ModelId = model, MsPerImage = cloudMsPerFlop * cuts.TotalFlops };
            foreach (var mbps in bandwidthsMbps)
            {
                var others = devices.Where(d => d.Tier != Tier.Cloud);
                var linked = target with { Link = target.Link with { BandwidthMbps = mbps * timeScale } };
                var cells = precisions.Select(p =>
                {
                    var tensor = FeatureCuts.Plan(new JobSpec(SchedulingScheme.EndCloud, FeaturePrecision: p), [.. others, linked], classifiers)[linked.Id].Tensor;
                    var cut = cuts.Find(tensor)!;
                    return $"{tensor} ({cut.HeadShare.ToString("P0", CultureInfo.InvariantCulture)}, {cut.BytesPerImage(FeatureEncodings.Of(p)).ToString("N0", CultureInfo.InvariantCulture)})";
                });
                table.Add([model, mbps.ToString("G", CultureInfo.InvariantCulture), .. cells]);
            }
        }

        return table.ToString();
    }

    // One way of sending the fine stage's input to the cloud.
    private sealed record Variant(string Name, PrivacyMode Privacy, FeaturePrecision Precision, string Split);
}
