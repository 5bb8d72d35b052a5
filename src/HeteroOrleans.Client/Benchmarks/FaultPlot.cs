using HeteroOrleans.Contracts.Jobs;
using ScottPlot;

namespace HeteroOrleans.Client.Benchmarks;

/// <summary>Figure 4 as a PNG: time to finish against failing devices, per fault method, with the fluid bound.</summary>
public static class FaultPlot
{
    /// <summary>Writes the figure to <paramref name="path"/>; failed runs (None with failures) are left off, as the paper's "Inf".</summary>
    public static void Save(IReadOnlyList<FaultMeasurement> cells, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var methods = FaultBenchmark.Methods;
        for (var i = 0; i < methods.Count; i++)
        {
            var points = cells.Where(c => c.Method == methods[i] && c.MeanSeconds is not null).OrderBy(c => c.Failures).ToList();
            var line = plot.Add.Scatter(points.Select(c => (double)c.Failures).ToArray(), points.Select(c => c.MeanSeconds!.Value).ToArray(), palette.GetColor(i));
            line.LegendText = methods[i] == FaultMethod.None ? "None (fails with any failure)" : methods[i].ToString();
            line.LineWidth = 2;
        }

        var bound = cells.Where(c => c.Method == FaultMethod.Monitor).OrderBy(c => c.Failures).ToList();
        var boundLine = plot.Add.Scatter(bound.Select(c => (double)c.Failures).ToArray(), bound.Select(c => c.BoundSeconds).ToArray(), Colors.Black);
        boundLine.LegendText = "fluid bound (surviving capacity)";
        boundLine.LinePattern = LinePattern.Dotted;
        boundLine.MarkerSize = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Title("Time to classify the test set vs failing end devices");
        plot.XLabel("end devices that fail after half their tasks");
        plot.YLabel("makespan (s)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 600);
    }
}
