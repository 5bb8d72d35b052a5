namespace HeteroOrleans.Benchmarks.Rollout;

/// <summary>What <see cref="RolloutBenchmark"/> measures.</summary>
/// <param name="Configs">The silos' configs.</param>
/// <param name="SiloProgram">The silo executable.</param>
/// <param name="RedisServer">The Redis server executable.</param>
/// <param name="Rate">Requests a second, all the while.</param>
/// <param name="Deadline">Each request's deadline.</param>
/// <param name="Steady">How long the steady stream before the rollouts is measured.</param>
/// <param name="ReadyWithin">How long the silos may take to be ready.</param>
/// <param name="Runs">Runs, each on a cluster of its own.</param>
/// <param name="LogDirectory">Where the processes' logs go.</param>
/// <param name="Tier">The tier whose model changes.</param>
/// <param name="Worse">A version the canary must roll back.</param>
/// <param name="Better">A version the canary must roll out.</param>
/// <param name="CanaryShare">Share of the images the candidate answers during its canary.</param>
/// <param name="CanaryImages">Images compared before the verdict.</param>
public sealed record RolloutBenchmarkOptions(
    IReadOnlyList<FileInfo> Configs, string SiloProgram, string RedisServer, double Rate, TimeSpan Deadline, TimeSpan Steady, TimeSpan ReadyWithin, int Runs,
    string LogDirectory, Tier Tier, string Worse, string Better, double CanaryShare, int CanaryImages)
{
    /// <summary>Requests sent before measuring, while the service plans and its devices warm up.</summary>
    public static TimeSpan WarmUp { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The stream goes on this long after the good version is rolled out, all of it on the new version.</summary>
    public static TimeSpan After { get; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a canary may take to reach its verdict.</summary>
    public static TimeSpan VerdictWithin { get; } = TimeSpan.FromMinutes(5);
}
