namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>What <see cref="ServeBenchmark"/> measures.</summary>
/// <param name="Rates">Requests a second swept over each transport, rising, until the service no longer keeps up.</param>
/// <param name="Duration">How long requests go out at each rate.</param>
/// <param name="Deadline">The deadline of the sweep's requests.</param>
/// <param name="OverloadDeadline">The deadline of the overload step's requests.</param>
/// <param name="OverloadDuration">How long the overload step lasts; zero: no overload step.</param>
/// <param name="HighShare">The share of requests in the high-priority class.</param>
/// <param name="Runs">Runs at each rate.</param>
/// <param name="OverHttp">Whether to sweep over HTTP as well as over the .NET client.</param>
/// <param name="JobImages">
/// Images of the batch job run (Adaptive, tasks of 50, every link at 0) that shows what the devices do with work that
/// comes in batches; 0: no job.
/// </param>
public sealed record ServeBenchmarkOptions(
    IReadOnlyList<double> Rates, TimeSpan Duration, TimeSpan Deadline, TimeSpan OverloadDeadline, TimeSpan OverloadDuration, double HighShare, int Runs,
    bool OverHttp = true, int JobImages = 0)
{
    /// <summary>
    /// The requests' deadline by default, in the sweep and in the overload step alike: the saturation the overload step
    /// is held to is the one found under the same deadline. 600 ms leaves 100 ms over the shipped configs' slowest
    /// round trip (the edge's 500 ms) for queueing, batching and computing.
    /// </summary>
    public static TimeSpan DefaultDeadline { get; } = TimeSpan.FromMilliseconds(600);

    /// <summary>The images of the batch job by default.</summary>
    public const int DefaultJobImages = 10_000;

    /// <summary>The rates swept by default, requests a second.</summary>
    public static IReadOnlyList<double> DefaultRates { get; } = [10, 100, 250, 500, 750, 1000, 1250, 1500, 2000, 2500, 3000, 3500, 4000];

    /// <summary>
    /// Past the first rate the service cannot keep up with, the sweep goes on while the rate answered by the deadline
    /// rises at least this much over the best so far.
    /// </summary>
    public const double StillRising = 1.03;

    /// <summary>How much above the saturation rate the overload step sends.</summary>
    public const double OverloadFactor = 1.5;
}
