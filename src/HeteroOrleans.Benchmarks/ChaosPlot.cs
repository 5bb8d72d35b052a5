using ScottPlot;

namespace HeteroOrleans.Benchmarks;

/// <summary>The campaign as a PNG: each run's makespan over the fluid bound of what survived; failed runs in red.</summary>
public static class ChaosPlot
{
    /// <summary>Writes the figure to <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<ChaosRun> rows, string path)
    {
        var plot = new Plot();
        var bars = rows.Select(r => new Bar
        {
            Position = r.Run,
            Value = double.IsFinite(r.Ratio) ? r.Ratio : 0,
            FillColor = r.Completed && r.Missing == 0 && r.Duplicated == 0 ? Colors.SeaGreen : Colors.Crimson,
        }).ToList();
        plot.Add.Bars(bars);
        var bound = plot.Add.HorizontalLine(1, 1, Colors.Black, LinePattern.Dotted);
        bound.LegendText = "fluid bound";
        plot.Title($"Fault campaign: {ChaosBenchmark.Summary(rows)}");
        plot.XLabel("run (green: every image once; red: failed)");
        plot.YLabel("makespan ÷ fluid bound of what survived");
        plot.Axes.Margins(bottom: 0);
        plot.SavePng(path, 1000, 500);
    }
}
