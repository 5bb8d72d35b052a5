namespace HeteroOrleans.UnitTests.Scheduling;

public sealed class RoundRobinPlannerTests
{
    private static readonly DeviceSet Devices = new(["e1", "e2", "e3"], ["g1", "g2"], ["c1"]);

    [Fact]
    public void End_edge_sends_task_i_to_end_i_mod_n_and_edge_i_mod_m()
    {
        var planner = RoundRobinPlanner.Create(SchedulingScheme.EndEdge, Devices);

        var plan = Enumerable.Range(0, 7).Select(planner.Assign).ToArray();

        Assert.Equal(["e1", "e2", "e3", "e1", "e2", "e3", "e1"], plan.Select(a => a.CoarseDevice));
        Assert.Equal(["g1", "g2", "g1", "g2", "g1", "g2", "g1"], plan.Select(a => a.FineDevice!));
    }

    [Fact]
    public void End_cloud_sends_every_fine_task_to_the_cloud()
    {
        var planner = RoundRobinPlanner.Create(SchedulingScheme.EndCloud, Devices);
        Assert.All(Enumerable.Range(0, 5).Select(planner.Assign), a => Assert.Equal("c1", a.FineDevice));
    }

    [Fact]
    public void End_has_no_fine_stage()
    {
        var planner = RoundRobinPlanner.Create(SchedulingScheme.End, Devices with { Edge = [], Cloud = [] });
        Assert.All(Enumerable.Range(0, 5).Select(planner.Assign), a => Assert.Null(a.FineDevice));
    }

    [Theory]
    [InlineData(SchedulingScheme.EndEdge, "edge")]
    [InlineData(SchedulingScheme.EndCloud, "cloud")]
    public void A_scheme_whose_upper_tier_has_no_device_is_refused_by_name(SchedulingScheme scheme, string tier)
    {
        var error = Assert.Throws<SchedulingException>(() => RoundRobinPlanner.Create(scheme, new DeviceSet(["e1"], [], [])));
        Assert.Contains(tier, error.Message);
        Assert.Contains(scheme.ToString(), error.Message);
    }

    [Fact]
    public void Every_scheme_needs_an_end_device()
    {
        var error = Assert.Throws<SchedulingException>(() => RoundRobinPlanner.Create(SchedulingScheme.End, DeviceSet.Empty));
        Assert.Contains("end", error.Message);
    }
}
