namespace HeteroOrleans.UnitTests.Scheduling;

public sealed class MappingPlannerTests
{
    private static readonly TierCost End = TierCost.Of(10.4, 50, 0);
    private static readonly TierCost Edge = TierCost.Of(8.4, 50, 500);

    [Fact]
    public void Maps_n_map_end_devices_per_edge_in_order_and_the_rest_to_the_cloud()
    {
        var planner = MappingPlanner.Create(new DeviceSet(["e1", "e2", "e3", "e4", "e5"], ["g1", "g2"], ["c1"]), End, Edge);

        Assert.Equal(2, planner.MappedEndDevicesPerEdge);
        Assert.Equal(["g1", "g1", "g2", "g2", "c1"], planner.FineTargets);
        Assert.Equal(new TaskAssignment("e5", "c1"), planner.Assign(4));
        Assert.Equal(new TaskAssignment("e1", "g1"), planner.Assign(5));
        Assert.Equal(new TaskAssignment("e3", "g2"), planner.Assign(7));
    }

    [Fact]
    public void Fewer_end_devices_than_edges_times_n_map_leave_later_edges_unused()
    {
        var planner = MappingPlanner.Create(new DeviceSet(["e1"], ["g1", "g2"], ["c1"]), End, Edge);
        Assert.Equal(["g1"], planner.FineTargets);
    }

    [Fact]
    public void Left_over_end_devices_without_a_cloud_are_refused()
    {
        var error = Assert.Throws<SchedulingException>(() => MappingPlanner.Create(new DeviceSet(["e1", "e2", "e3"], ["g1"], []), End, Edge));
        Assert.Contains("no cloud", error.Message);
    }
}
