namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>One rate of a serving sweep over one transport, over its runs.</summary>
/// <param name="Runs">Each run at the rate.</param>
public sealed record ServePoint(IReadOnlyList<ServeRun> Runs)
{
    /// <summary>Requests sent a second.</summary>
    public double OfferedPerSecond => Runs[0].OfferedPerSecond;

    /// <summary>A figure of the runs.</summary>
    public Sample Of(Func<ServeRun, double> figure) => Sample.Of(Runs.Select(figure));

    /// <summary>True when the service kept up in most runs.</summary>
    public bool KeptUp => Runs.Count(r => r.KeptUp) * 2 > Runs.Count;
}
