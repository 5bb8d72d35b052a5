using HeteroOrleans.Scheduling;
using ScottPlot;

namespace HeteroOrleans.Client.Benchmarks;

/// <summary>Figure 3 as a PNG: per scheme, measured (solid, markers) and the paper's formula (dashed); the fluid bound dotted.</summary>
public static class SchemePlot
{
    /// <summary>Writes the figure to <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<SchemeMeasurement> points, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var schemes = points.Select(p => p.Scheme).Distinct().ToList();
        for (var i = 0; i < schemes.Count; i++)
        {
            var series = points.Where(p => p.Scheme == schemes[i]).OrderBy(p => p.EndDevices).ToList();
            double[] x = series.Select(p => (double)p.EndDevices).ToArray();
            var measured = plot.Add.Scatter(x, series.Select(p => p.MeasuredSeconds).ToArray(), palette.GetColor(i));
            measured.LegendText = $"{schemes[i]} measured";
            measured.LineWidth = 2;
            var predicted = plot.Add.Scatter(x, series.Select(p => p.PredictedSeconds).ToArray(), palette.GetColor(i));
            predicted.LegendText = $"{schemes[i]} eq.";
            predicted.LinePattern = LinePattern.Dashed;
            predicted.MarkerSize = 0;
        }

        var bound = points.Where(p => p.Scheme != SchedulingScheme.End).GroupBy(p => p.EndDevices).OrderBy(g => g.Key).ToList();
        if (bound.Count > 0)
        {
            var line = plot.Add.Scatter(bound.Select(g => (double)g.Key).ToArray(), bound.Select(g => g.First().BoundSeconds).ToArray(), Colors.Black);
            line.LegendText = "fluid bound (all devices)";
            line.LinePattern = LinePattern.Dotted;
            line.MarkerSize = 0;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Title("Time to classify the test set vs number of end devices");
        plot.XLabel("end devices");
        plot.YLabel("makespan (s)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 600);
    }
}
