using System.Globalization;

namespace HeteroOrleans.Benchmarks.Measuring;

/// <summary>
/// One figure of a bench measured in several runs: quoted as the median, with the least and greatest beside it, and
/// flagged when the runs disagree by more than <see cref="Tolerance"/> of the median. A ratio of two figures is taken
/// run by run, then its median (<see cref="Over(Sample)"/>): both sides of one run saw the same machine.
/// </summary>
public sealed class Sample
{
    /// <summary>Runs that differ by more than this share of their median make the figure one that varies.</summary>
    public const double Tolerance = 0.10;

    /// <summary>The mark a varying figure carries in a table; <see cref="Legend"/> explains it.</summary>
    public const string VariesMark = "⚠";

    /// <summary>The line a table with varying figures ends with.</summary>
    public const string Legend = $"{VariesMark}: the runs of this figure differ by more than 10 % of their median; read it with care.";

    private Sample(IReadOnlyList<double> runs)
    {
        Runs = runs;
        var sorted = runs.Order().ToArray();
        Min = sorted[0];
        Max = sorted[^1];
        var middle = sorted.Length / 2;
        Median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Each run's value, in run order.</summary>
    public IReadOnlyList<double> Runs { get; }

    /// <summary>The median of the runs.</summary>
    public double Median { get; }

    /// <summary>The least run.</summary>
    public double Min { get; }

    /// <summary>The greatest run.</summary>
    public double Max { get; }

    /// <summary>The range of the runs over their median (0 for one run, infinite around a median of 0).</summary>
    public double Spread => Max == Min ? 0 : Median == 0 ? double.PositiveInfinity : (Max - Min) / Math.Abs(Median);

    /// <summary>True when the runs differ by more than <see cref="Tolerance"/> of their median.</summary>
    public bool Varies => Spread > Tolerance;

    /// <summary>A sample of the given runs.</summary>
    /// <exception cref="ArgumentException">No run, or a run that is not a number.</exception>
    public static Sample Of(IEnumerable<double> runs)
    {
        var list = runs.ToList();
        if (list.Count == 0 || list.Any(double.IsNaN))
        {
            throw new ArgumentException("A sample needs at least one run, and every run a number.", nameof(runs));
        }

        return new Sample(list);
    }

    /// <summary>A sample of the given runs.</summary>
    public static Sample Of(params double[] runs) => Of((IEnumerable<double>)runs);

    /// <summary>This figure over <paramref name="other"/>, run by run (both have as many runs).</summary>
    /// <exception cref="ArgumentException">The samples have different numbers of runs.</exception>
    public Sample Over(Sample other) => other.Runs.Count == Runs.Count
        ? Of(Runs.Zip(other.Runs, (a, b) => a / b))
        : throw new ArgumentException($"A ratio is taken run by run: {Runs.Count} runs over {other.Runs.Count}.", nameof(other));

    /// <summary>This figure over a fixed <paramref name="divisor"/>, run by run.</summary>
    public Sample Over(double divisor) => Of(Runs.Select(r => r / divisor));

    /// <summary>Each run mapped by <paramref name="map"/>.</summary>
    public Sample Select(Func<double, double> map) => Of(Runs.Select(map));

    /// <summary>
    /// The median in <paramref name="format"/>, then the least and greatest when there were several runs, and the
    /// <see cref="VariesMark"/> when they differ by more than <see cref="Tolerance"/>: "13.1 (13.0–13.4)".
    /// </summary>
    public string ToString(string format) => ToString(v => v.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>As <see cref="ToString(string)"/>, each value written by <paramref name="write"/>.</summary>
    public string ToString(Func<double, string> write) =>
        Runs.Count == 1 ? write(Median) : $"{write(Median)} ({write(Min)}–{write(Max)}){(Varies ? " " + VariesMark : string.Empty)}";

    /// <inheritdoc />
    public override string ToString() => ToString("G4");
}
