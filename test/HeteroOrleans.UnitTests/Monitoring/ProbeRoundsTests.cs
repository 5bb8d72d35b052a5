namespace HeteroOrleans.UnitTests.Monitoring;

public sealed class ProbeRoundsTests
{
    [Fact]
    public void Within_the_budget_every_device_is_probed_every_round()
    {
        var rounds = new ProbeRounds(new DeviceMonitorOptions { MaxProbesPerSecond = 10, ProbeInterval = TimeSpan.FromSeconds(1) });

        Assert.Equal(10, rounds.Budget);
        Assert.Equal(["a", "b", "c"], rounds.Next(["a", "b", "c"]));
        Assert.Equal(["a", "b", "c"], rounds.Next(["a", "b", "c"]));
    }

    [Fact]
    public void Beyond_the_budget_each_round_takes_up_where_the_last_stopped_so_every_device_has_its_turn()
    {
        // Four probes a second, half-second rounds: two a round over five devices.
        var rounds = new ProbeRounds(new DeviceMonitorOptions { MaxProbesPerSecond = 4, ProbeInterval = TimeSpan.FromMilliseconds(500) });
        string[] devices = ["a", "b", "c", "d", "e"];

        var probed = Enumerable.Range(0, 5).Select(_ => string.Concat(rounds.Next(devices))).ToList();

        Assert.Equal(["ab", "cd", "ea", "bc", "de"], probed);
    }

    [Fact]
    public void A_budget_below_one_probe_a_round_still_probes_one()
    {
        var rounds = new ProbeRounds(new DeviceMonitorOptions { MaxProbesPerSecond = 1, ProbeInterval = TimeSpan.FromMilliseconds(100) });

        Assert.Equal(1, rounds.Budget);
        Assert.Equal(["a"], rounds.Next(["a", "b"]));
        Assert.Equal(["b"], rounds.Next(["a", "b"]));
    }
}
