namespace HeteroOrleans.Tests.Dependability;

public sealed class ChaosPlanTests
{
    private static readonly ChaosBenchmarkOptions Options = new(1, 1, 1000, 2,
        new Dictionary<Tier, string> { [Tier.End] = "e", [Tier.Edge] = "m", [Tier.Cloud] = "c" }, TestPaths.NewModelsDirectory());

    [Fact]
    public void No_drawn_campaign_takes_the_last_device_of_a_role()
    {
        var silos = ChaosLayout.Create(Options, "/nowhere/jobs");
        for (var seed = 0; seed < 2000; seed++)
        {
            var faults = ChaosPlan.Draw(new Random(seed), silos, 60);
            var kills = faults.Where(f => f.Kind == ChaosFaultKind.KillSilo).ToList();
            var killedTiers = kills.Select(f => f.Target == ChaosPlan.JobSilo ? Tier.End : silos.Single(s => s.Name == f.Target).Tiers[0]).ToList();
            Assert.Equal(killedTiers.Count, killedTiers.Distinct().Count());

            // Whichever silo of a tier dies, the other keeps a device that answers.
            var hung = faults.Where(f => f.Kind == ChaosFaultKind.HangDevice).Select(f => f.Target).ToHashSet();
            Assert.All(silos, s => Assert.Contains(s.Devices, d => !hung.Contains(d.Id)));
            Assert.InRange(faults.Count, 1, 3);
            Assert.All(faults, f => Assert.InRange(f.AtTask, 2, 40));
        }
    }

    [Fact]
    public void The_same_seed_draws_the_same_campaign()
    {
        var silos = ChaosLayout.Create(Options, "/nowhere/jobs");
        Assert.Equal(ChaosPlan.Draw(new Random(5), silos, 60), ChaosPlan.Draw(new Random(5), silos, 60));
        Assert.Equal(2, silos.Count(s => s.Tiers.Contains(Tier.End)));
        Assert.Equal(silos.Count, silos.Select(s => s.Options.SiloPort).Distinct().Count());
    }
}
