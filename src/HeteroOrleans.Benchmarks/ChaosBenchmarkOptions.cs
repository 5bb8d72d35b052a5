namespace HeteroOrleans.Benchmarks;

/// <summary>How <c>bench chaos</c> runs.</summary>
/// <param name="Runs">Jobs, each on a fresh cluster.</param>
/// <param name="Seed">Seeds the faults, their times and the scheme of every run: the same seed gives the same campaign.</param>
/// <param name="Images">Images per job.</param>
/// <param name="TimeScale">Emulated times are divided by this.</param>
/// <param name="Models">The model of each tier.</param>
/// <param name="ModelsDirectory">Folder of <c>models.json</c>.</param>
/// <param name="Preset">Device speeds and links, per tier; default the paper's Table 2.</param>
/// <param name="Deadline">Each job's deadline; null: the jobs' own (10 min).</param>
/// <param name="StoreFaults">Whether runs may kill the membership and job store too (a run with one keeps its cluster on a Redis of its own).</param>
public sealed record ChaosBenchmarkOptions(
    int Runs, int Seed, int Images, double TimeScale, IReadOnlyDictionary<Tier, string> Models, string ModelsDirectory, DevicePreset? Preset = null,
    TimeSpan? Deadline = null, bool StoreFaults = true)
{
    /// <summary>Silos per tier: two, so that any one may die.</summary>
    public const int SilosPerTier = 2;

    /// <summary>Devices per silo, by tier.</summary>
    public static IReadOnlyDictionary<Tier, int> DevicesPerSilo { get; } = new Dictionary<Tier, int> { [Tier.End] = 3, [Tier.Edge] = 2, [Tier.Cloud] = 1 };
}
