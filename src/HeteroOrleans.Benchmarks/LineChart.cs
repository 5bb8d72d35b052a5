using ScottPlot;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// The benches' one way of drawing a figure: measured series as solid lines with markers, model predictions dashed,
/// bounds dotted in black, a legend and a 900×600 PNG.
/// </summary>
public sealed class LineChart
{
    private readonly Plot _plot = new();
    private readonly ScottPlot.Palettes.Category10 _palette = new();

    /// <summary>A chart titled <paramref name="title"/> with its axes labelled.</summary>
    public LineChart(string title, string xLabel, string yLabel)
    {
        _plot.Title(title);
        _plot.XLabel(xLabel);
        _plot.YLabel(yLabel);
    }

    /// <summary>A measured series, drawn in colour <paramref name="colour"/> of the palette.</summary>
    public void Measured(string legend, int colour, IEnumerable<(double X, double Y)> points) =>
        Add(legend, points, _palette.GetColor(colour), LinePattern.Solid, width: 2, markers: true);

    /// <summary>What a formula predicts for the series of colour <paramref name="colour"/>.</summary>
    public void Predicted(string legend, int colour, IEnumerable<(double X, double Y)> points) =>
        Add(legend, points, _palette.GetColor(colour), LinePattern.Dashed, width: 1, markers: false);

    /// <summary>A bound no run can beat.</summary>
    public void Bound(string legend, IEnumerable<(double X, double Y)> points) =>
        Add(legend, points, Colors.Black, LinePattern.Dotted, width: 1, markers: false);

    /// <summary>Ticks at every whole number of the x axis (counts of devices).</summary>
    public void WholeNumbersOnX() => _plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);

    /// <summary>
    /// A logarithmic x axis for counts that grow tenfold: give points their x as log10 of the count, and the axis is
    /// labelled with the counts themselves at <paramref name="counts"/>.
    /// </summary>
    public void CountsOnLogX(IEnumerable<int> counts)
    {
        var ticks = counts.Distinct().Order().ToArray();
        _plot.Axes.Bottom.SetTicks(ticks.Select(c => Math.Log10(c)).ToArray(), ticks.Select(c => c.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>Writes the chart to <paramref name="path"/> with its legend at <paramref name="legend"/>.</summary>
    public void Save(string path, Alignment legend)
    {
        _plot.ShowLegend(legend);
        _plot.SavePng(path, 900, 600);
    }

    private void Add(string legend, IEnumerable<(double X, double Y)> points, Color colour, LinePattern pattern, float width, bool markers)
    {
        var list = points.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var line = _plot.Add.Scatter(list.Select(p => p.X).ToArray(), list.Select(p => p.Y).ToArray(), colour);
        line.LegendText = legend;
        line.LinePattern = pattern;
        line.LineWidth = width;
        if (!markers)
        {
            line.MarkerSize = 0;
        }
    }
}
