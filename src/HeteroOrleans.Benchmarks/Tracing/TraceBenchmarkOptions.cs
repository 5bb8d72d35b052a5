namespace HeteroOrleans.Benchmarks.Tracing;

/// <summary>What <see cref="TraceBenchmark"/> measures.</summary>
/// <param name="Configs">The silos' configs.</param>
/// <param name="SiloProgram">The silo executable.</param>
/// <param name="RedisServer">The Redis server executable.</param>
/// <param name="Rates">Requests a second: each rate's pairs of runs in turn.</param>
/// <param name="Deadline">Each request's deadline.</param>
/// <param name="Duration">How long each measured stream lasts.</param>
/// <param name="SampleRate">The share of requests traced in the traced runs.</param>
/// <param name="Runs">Pairs of runs, untraced then traced, each on a cluster of its own.</param>
/// <param name="LogDirectory">Where the processes' logs go.</param>
public sealed record TraceBenchmarkOptions(
    IReadOnlyList<FileInfo> Configs, string SiloProgram, string RedisServer, IReadOnlyList<double> Rates, TimeSpan Deadline, TimeSpan Duration, double SampleRate, int Runs,
    string LogDirectory)
{
    /// <summary>Requests sent before measuring, while the service plans and its devices warm up.</summary>
    public static TimeSpan WarmUp { get; } = TimeSpan.FromSeconds(5);

    /// <summary>How far a trace's parts may be from its latency and still account for it.</summary>
    public const double PartsTolerance = 0.05;
}
