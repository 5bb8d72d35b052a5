using System.Globalization;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// Figure 3: each of the paper's schemes, and Adaptive, with 1 to N end devices (4 edges, 1 cloud), measured on
/// emulated devices, beside the paper's eqs. 1-6 and the fluid lower bound.
/// </summary>
public sealed class SchemeBenchmark(IReadOnlyList<SiloSettings> settings, SchemeBenchmarkOptions options, Action<string> log)
{
    /// <summary>The schemes of Figure 3, in legend order, then Adaptive.</summary>
    public static IReadOnlyList<SchedulingScheme> Schemes { get; } =
        [SchedulingScheme.End, SchedulingScheme.EndCloud, SchedulingScheme.EndEdge, SchedulingScheme.Mapping, SchedulingScheme.Adaptive];

    /// <summary>Runs every point and returns the measurements.</summary>
    public async Task<IReadOnlyList<SchemeMeasurement>> RunAsync(CifarDataset data, CancellationToken cancellation)
    {
        await using var session = await BenchSession.StartAsync(settings, log, cancellation);
        await session.WarmAsync(data, [Options(SchedulingScheme.EndEdge, options.MaxEndDevices), Options(SchedulingScheme.EndCloud, options.MaxEndDevices)], cancellation);

        var results = new List<SchemeMeasurement>();
        foreach (var endDevices in options.MeasuredEndDevices)
        {
            foreach (var scheme in options.Measured)
            {
                var runs = new List<double>();
                var plan = string.Empty;
                for (var run = 0; run < options.Runs; run++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var report = await session.RunCompletedAsync(data, Options(scheme, endDevices), $"{scheme} with {endDevices} end device(s)", cancellation);
                    runs.Add(report.MakespanMs / 1000 * options.TimeScale);
                    plan = report.Plan;
                }

                var point = new SchemeMeasurement(endDevices, scheme, Sample.Of(runs), Predict(scheme, endDevices, data.Count), Bound(scheme, endDevices, data.Count), plan);
                log($"N_end = {endDevices}, {scheme}: measured {point.Measured.ToString("F1")} s, predicted {point.PredictedSeconds:F1} s, bound {point.BoundSeconds:F1} s");
                results.Add(point);
            }
        }

        return results;
    }

    /// <summary>The paper's formula for the point, from the preset's unscaled times; NaN for Adaptive, which has none.</summary>
    public double Predict(SchedulingScheme scheme, int endDevices, int images) => scheme == SchedulingScheme.Adaptive ? double.NaN :
        AnalyticalModel.Predict(scheme, new SystemShape(
            (images + options.BatchSize - 1) / options.BatchSize, endDevices, Count(Tier.Edge), Count(Tier.Cloud),
            Cost(Tier.End), Cost(Tier.Edge), Cost(Tier.Cloud)));

    /// <summary>The fluid bound of all the devices the point may use: its end devices, and for a fine stage every edge and cloud.</summary>
    public double Bound(SchedulingScheme scheme, int endDevices, int images)
    {
        var end = Enumerable.Repeat(options.Preset.Tiers[Tier.End].MsPerImage, endDevices).ToList();
        var upper = scheme == SchedulingScheme.End
            ? []
            : Enumerable.Repeat(Upper(Tier.Edge), Count(Tier.Edge)).Concat(Enumerable.Repeat(Upper(Tier.Cloud), Count(Tier.Cloud))).ToList();
        return FluidBound.Makespan(images, end, upper);
    }

    /// <summary>The figure's table as Markdown: each measured figure the median of the runs, their least and greatest in brackets.</summary>
    public static string ToMarkdown(IReadOnlyList<SchemeMeasurement> points)
    {
        var table = new MarkdownTable("N_end", "scheme", "measured (s)", "paper eq. (s)", "measured / eq.", "fluid bound (s)", "measured / bound");
        foreach (var p in points)
        {
            table.Add(p.EndDevices.ToString(CultureInfo.InvariantCulture), p.Scheme.ToString(), p.Measured.ToString("F1"), F(p.PredictedSeconds),
                double.IsNaN(p.PredictedSeconds) ? "—" : p.Measured.Over(p.PredictedSeconds).ToString("F2"), F(p.BoundSeconds), p.OverBound.ToString("F2"));
        }

        return table + Legend(points);
    }

    /// <summary>
    /// Adaptive beside the bound at each N_end, and beside the best of the paper's schemes that give a fine answer for
    /// every image (End-Cloud, End-Edge, Mapping); empty when Adaptive was not measured.
    /// </summary>
    public static string AdaptiveSummary(IReadOnlyList<SchemeMeasurement> points)
    {
        var table = new MarkdownTable("N_end", "Adaptive (s)", "Adaptive / bound", "best paper scheme with fine answers", "its makespan (s)", "speed-up");
        foreach (var group in points.GroupBy(p => p.EndDevices).OrderBy(g => g.Key))
        {
            var adaptive = group.FirstOrDefault(p => p.Scheme == SchedulingScheme.Adaptive);
            var best = group.Where(p => p.Scheme is SchedulingScheme.EndCloud or SchedulingScheme.EndEdge or SchedulingScheme.Mapping).MinBy(p => p.MeasuredSeconds);
            if (adaptive is null || best is null)
            {
                continue;
            }

            table.Add(group.Key.ToString(CultureInfo.InvariantCulture), adaptive.Measured.ToString("F1"), adaptive.OverBound.ToString("F2"),
                best.Scheme.ToString(), best.Measured.ToString("F1"), $"{R(best.MeasuredSeconds / adaptive.MeasuredSeconds)}×");
        }

        return table.Count == 0 ? string.Empty : table + Legend(points);
    }

    private static string Legend(IReadOnlyList<SchemeMeasurement> points) =>
        points.Any(p => p.Measured.Varies) ? Environment.NewLine + Sample.Legend + Environment.NewLine : string.Empty;

    private static string F(double value) => double.IsNaN(value) ? "—" : value.ToString("F1", CultureInfo.InvariantCulture);

    private static string R(double value) => double.IsNaN(value) ? "—" : value.ToString("F2", CultureInfo.InvariantCulture);

    // The paper's cut at the first convolution, so that each tier does the work the paper's tables and the bounds assume.
    private JobSpec Options(SchedulingScheme scheme, int endDevices) =>
        new(scheme, options.BatchSize, MaxTasksInFlight: 4 * (endDevices + Count(Tier.Edge) + Count(Tier.Cloud)),
            Devices: new DeviceLimits(endDevices, Count(Tier.Edge), Count(Tier.Cloud)), Split: JobSpec.ManifestSplit);

    private int Count(Tier tier) => settings.Sum(s => s.Devices.Count(d => d.Tier == tier));

    private TierCost Cost(Tier tier)
    {
        var profile = options.Preset.Tiers[tier];
        return TierCost.Of(profile.MsPerImage, options.BatchSize, profile.RoundTripLatencyMs);
    }

    private (double MsPerImage, double RoundTripMs) Upper(Tier tier) =>
        (options.Preset.Tiers[tier].MsPerImage, options.Preset.Tiers[tier].RoundTripLatencyMs);
}
