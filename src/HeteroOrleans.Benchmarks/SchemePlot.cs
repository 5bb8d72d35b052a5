using ScottPlot;

namespace HeteroOrleans.Benchmarks;

/// <summary>Figure 3 as a PNG: per scheme, measured (solid, markers) and the paper's formula where it has one (dashed); the fluid bound dotted.</summary>
public static class SchemePlot
{
    /// <summary>Writes the figure to <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<SchemeMeasurement> points, string path)
    {
        var chart = new LineChart("Time to classify the test set vs number of end devices", "end devices", "makespan (s)");
        var schemes = points.Select(p => p.Scheme).Distinct().ToList();
        for (var i = 0; i < schemes.Count; i++)
        {
            var series = points.Where(p => p.Scheme == schemes[i]).OrderBy(p => p.EndDevices).ToList();
            chart.Measured($"{schemes[i]} measured", i, series.Select(p => ((double)p.EndDevices, p.MeasuredSeconds)));
            if (series.All(p => !double.IsNaN(p.PredictedSeconds)))
            {
                chart.Predicted($"{schemes[i]} eq.", i, series.Select(p => ((double)p.EndDevices, p.PredictedSeconds)));
            }
        }

        chart.Bound("fluid bound (all devices)", points.Where(p => p.Scheme != SchedulingScheme.End).GroupBy(p => p.EndDevices)
            .OrderBy(g => g.Key).Select(g => ((double)g.Key, g.First().BoundSeconds)));
        chart.WholeNumbersOnX();
        chart.Save(path, Alignment.UpperRight);
    }
}
