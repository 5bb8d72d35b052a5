using ScottPlot;

namespace HeteroOrleans.Benchmarks;

/// <summary>Figure 4 as a PNG: time to finish against failing devices, per fault method, with the fluid bound.</summary>
public static class FaultPlot
{
    /// <summary>Writes the figure to <paramref name="path"/>; failed runs (None with failures) are left off, as the paper's "Inf".</summary>
    public static void Save(IReadOnlyList<FaultMeasurement> cells, string path)
    {
        var chart = new LineChart("Time to classify the test set vs failing end devices", "end devices that fail after half their tasks", "makespan (s)");
        var methods = FaultBenchmark.Methods;
        for (var i = 0; i < methods.Count; i++)
        {
            chart.Measured(methods[i] == FaultMethod.None ? "None (fails with any failure)" : methods[i].ToString(), i,
                cells.Where(c => c.Method == methods[i] && c.Completed).OrderBy(c => c.Failures).Select(c => ((double)c.Failures, c.Seconds.Median)));
        }

        chart.Bound("fluid bound (surviving capacity)",
            cells.Where(c => c.Method == FaultMethod.Monitor).OrderBy(c => c.Failures).Select(c => ((double)c.Failures, c.BoundSeconds)));
        chart.WholeNumbersOnX();
        chart.Save(path, Alignment.UpperLeft);
    }
}
