namespace HeteroOrleans.Benchmarks.Rolling;

/// <summary>What <see cref="RollBenchmark"/> measures.</summary>
/// <param name="Configs">The silos' configs, in the order the roll restarts them.</param>
/// <param name="SiloProgram">The silo executable.</param>
/// <param name="RedisServer">The Redis server executable.</param>
/// <param name="Rate">Requests a second, all the while.</param>
/// <param name="Deadline">Each request's deadline.</param>
/// <param name="Steady">How long the steady stream before the roll is measured.</param>
/// <param name="ReadyWithin">How long a restarted silo may take to be ready.</param>
/// <param name="Runs">Rolls, each on a cluster of its own.</param>
/// <param name="LogDirectory">Where the processes' logs go.</param>
public sealed record RollBenchmarkOptions(
    IReadOnlyList<FileInfo> Configs, string SiloProgram, string RedisServer, double Rate, TimeSpan Deadline, TimeSpan Steady, TimeSpan ReadyWithin, int Runs,
    string LogDirectory)
{
    /// <summary>The stream: 50 requests a second.</summary>
    public const double DefaultRate = 50;

    /// <summary>Requests sent before measuring, while the service plans and its devices warm up.</summary>
    public static TimeSpan WarmUp { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The stream goes on this long after the last silo is ready again, so that what the roll left behind shows.</summary>
    public static TimeSpan After { get; } = TimeSpan.FromSeconds(5);
}
