namespace HeteroOrleans.Benchmarks;

/// <summary>
/// Draws a run's faults: one to three, at random points of the job, never taking the last live device of a role
/// (the promise holds while one device of each needed role lives): at most one silo of a tier dies, and every silo
/// keeps a device of its tier that does not hang, so whichever silo dies, the other still serves the role. With store
/// faults, at most one of the store's per run.
/// </summary>
public static class ChaosPlan
{
    private const double MinSlowDown = 5;
    private const double MaxSlowDown = 20;
    private const int HogLoops = 4;
    private const int MinStoreAwaySeconds = 5;
    private const int MaxStoreAwaySeconds = 20;

    /// <summary>The faults of one run over <paramref name="silos"/>, for a job of <paramref name="tasks"/> tasks; <paramref name="store"/>: the store's faults too.</summary>
    public static IReadOnlyList<ChaosFault> Draw(Random random, IReadOnlyList<SiloSettings> silos, int tasks, bool store = false)
    {
        var faults = new List<ChaosFault>();
        var deadSilos = new HashSet<string>();
        var hung = new HashSet<string>();
        var count = random.Next(1, 4);
        for (var draws = 0; faults.Count < count && draws < 20; draws++)
        {
            var at = random.Next(2, Math.Max(3, tasks * 2 / 3));
            var kind = (ChaosFaultKind)random.Next(Enum.GetValues<ChaosFaultKind>().Length);
            switch (kind)
            {
                case ChaosFaultKind.KillSilo:
                    var tier = (Tier)random.Next(3);
                    var candidates = silos.Where(s => s.Tiers.Contains(tier) && !deadSilos.Contains(s.Name)).ToList();
                    if (candidates.Count < 2)
                    {
                        continue;
                    }

                    // Half the end-silo kills aim at the job's own silo, wherever it runs by then.
                    var victim = tier == Tier.End && random.Next(2) == 0 ? JobSilo : candidates[random.Next(candidates.Count)].Name;
                    if (victim == JobSilo)
                    {
                        deadSilos.Add(candidates[0].Name);
                    }
                    else
                    {
                        deadSilos.Add(victim);
                    }

                    faults.Add(new ChaosFault(kind, victim, at));
                    break;
                case ChaosFaultKind.HangDevice or ChaosFaultKind.SlowDevice:
                    var silo = silos[random.Next(silos.Count)];
                    var answering = silo.Devices.Where(d => !hung.Contains(d.Id)).ToList();
                    var device = answering[random.Next(answering.Count)];
                    if (kind == ChaosFaultKind.HangDevice)
                    {
                        if (answering.Count < 2)
                        {
                            continue;
                        }

                        hung.Add(device.Id);
                        faults.Add(new ChaosFault(kind, device.Id, at));
                    }
                    else
                    {
                        faults.Add(new ChaosFault(kind, device.Id, at, Math.Round(MinSlowDown + random.NextDouble() * (MaxSlowDown - MinSlowDown))));
                    }

                    break;
                case ChaosFaultKind.StoreRestartEmpty or ChaosFaultKind.StoreRestartFromLog or ChaosFaultKind.StoreFailover:
                    if (store && faults.All(f => !f.OnStore))
                    {
                        faults.Add(new ChaosFault(kind, "store", at, random.Next(MinStoreAwaySeconds, MaxStoreAwaySeconds + 1)));
                    }

                    break;
                default:
                    if (faults.All(f => f.Kind != ChaosFaultKind.CpuHog))
                    {
                        faults.Add(new ChaosFault(kind, HogLoops.ToString(), at));
                    }

                    break;
            }
        }

        return faults.OrderBy(f => f.AtTask).ToList();
    }

    /// <summary>The target of a kill aimed at the silo the job runs on when the kill comes.</summary>
    public const string JobSilo = "job's silo";
}
