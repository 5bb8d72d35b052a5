namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>What a serving bench measured.</summary>
/// <param name="Sweeps">Per transport, the points of its sweep.</param>
/// <param name="Overload">The overload step, over the .NET client; null when the sweep found no saturation rate.</param>
/// <param name="UnloadedHighFineP99Ms">The high-priority class's fine p99 at the sweep's lowest rate.</param>
/// <param name="JobImages">The images of the batch job; 0 when no job ran.</param>
/// <param name="JobMakespanMs">The batch job's makespan in each run; null when no job ran.</param>
public sealed record ServeResult(
    IReadOnlyDictionary<string, IReadOnlyList<ServePoint>> Sweeps, ServeRun? Overload, double? UnloadedHighFineP99Ms, int JobImages = 0, Sample? JobMakespanMs = null)
{
    /// <summary>
    /// A transport's saturation: the most requests answered by their deadline (at the client) a second at any rate of
    /// its sweep (the runs' medians).
    /// </summary>
    public double Saturation(string transport) =>
        Sweeps.TryGetValue(transport, out var points) && points.Count > 0 ? points.Max(p => p.Of(r => r.InTimePerSecond).Median) : 0;

    /// <summary>
    /// The most requests a second that got the fine answer in time at any rate of a transport's sweep (the runs'
    /// medians): past saturation the service answers some with the coarse answer only, which costs its devices less, so
    /// this is the rate to hold against what the devices can compute.
    /// </summary>
    public double FineSaturation(string transport) =>
        Sweeps.TryGetValue(transport, out var points) && points.Count > 0 ? points.Max(p => p.Of(r => r.FineInTimePerSecond).Median) : 0;
}
