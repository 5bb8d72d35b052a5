namespace HeteroOrleans.UnitTests.Scheduling;

// Hand-computed with the paper's Table 2 profile: 200 tasks of 50 images; end 10.4 ms/image and no link
// (0 s + 0.52 s per task), edge 8.4 ms/image and 0.5 s (0.5 s + 0.42 s), cloud 10.8 ms/image and 1 s (1 s + 0.54 s).
public sealed class AnalyticalModelTests
{
    private static readonly TierCost End = TierCost.Of(10.4, 50, 0);
    private static readonly TierCost Edge = TierCost.Of(8.4, 50, 500);
    private static readonly TierCost Cloud = TierCost.Of(10.8, 50, 1000);

    private static SystemShape Paper(int endDevices) => new(200, endDevices, 4, 1, End, Edge, Cloud);

    [Fact]
    public void Tier_cost_turns_a_profile_into_per_task_seconds()
    {
        Assert.Equal(0.5, Edge.CommunicationSeconds, 9);
        Assert.Equal(0.42, Edge.ProcessingSeconds, 9);
        Assert.Equal(0.92, Edge.PerTaskSeconds, 9);
    }

    [Fact]
    public void Eq1_end_divides_the_tasks_over_the_end_devices() => Assert.Equal(13.0, AnalyticalModel.End(Paper(8)), 9);

    [Fact]
    public void Eq2_end_cloud_adds_every_task_through_the_cloud() => Assert.Equal(13.0 + 200 * 1.54, AnalyticalModel.EndCloud(Paper(8)), 9);

    [Fact]
    public void Eq3_end_edge_adds_the_tasks_spread_over_the_edges() => Assert.Equal(13.0 + 50 * 0.92, AnalyticalModel.EndEdge(Paper(8)), 9);

    [Fact]
    public void Eq4_maps_two_end_devices_per_edge_with_the_paper_links() =>
        Assert.Equal(2, AnalyticalModel.MappedEndDevicesPerEdge(End, Edge)); // ⌈0.92 / 0.52⌉ = ⌈1.77⌉

    [Fact]
    public void Eq4_maps_one_end_device_per_edge_without_the_edge_link() =>
        Assert.Equal(1, AnalyticalModel.MappedEndDevicesPerEdge(End, TierCost.Of(8.4, 50, 0))); // ⌈0.42 / 0.52⌉

    [Fact]
    public void Eq5_and_6_send_nothing_to_the_cloud_while_the_edges_take_every_end_device()
    {
        Assert.Equal(0, AnalyticalModel.CloudShare(Paper(8)));
        Assert.Equal(AnalyticalModel.EndEdge(Paper(8)), AnalyticalModel.Mapping(Paper(8)), 9);
    }

    [Fact]
    public void Eq5_and_6_weigh_end_cloud_and_end_edge_by_the_cloud_share()
    {
        // 10 end devices: 8 mapped to edges, 2 to the cloud; θ_cloud = 0.2.
        var shape = Paper(10);
        Assert.Equal(0.2, AnalyticalModel.CloudShare(shape), 9);
        Assert.Equal(0.2 * (10.4 + 308) + 0.8 * (10.4 + 46), AnalyticalModel.Mapping(shape), 9);
        Assert.Equal(AnalyticalModel.Mapping(shape), AnalyticalModel.Predict(SchedulingScheme.Mapping, shape), 9);
    }

    [Fact]
    public void The_fluid_bound_spreads_each_stage_over_its_devices_and_adds_one_link_to_the_fine_stage()
    {
        var ends = Enumerable.Repeat(10.4, 8).ToList();
        var upper = Enumerable.Repeat((8.4, 500.0), 4).Append((10.8, 1000.0)).ToList();

        // Coarse: 10,000 / (8 / 10.4) ms = 13.0 s. Fine: 10,000 / (4 / 8.4 + 1 / 10.8) ms = 17.581 s; plus 0.5 s.
        Assert.Equal(17.581 + 0.5, FluidBound.Makespan(10_000, ends, upper), 3);
        Assert.Equal(13.0, FluidBound.Makespan(10_000, ends, []), 9);

        // One end device: the coarse stage (104 s) is the bound; the fine results' link overlaps it.
        Assert.Equal(104.0, FluidBound.Makespan(10_000, [10.4], upper), 9);
    }
}
