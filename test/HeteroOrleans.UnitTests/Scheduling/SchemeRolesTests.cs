namespace HeteroOrleans.UnitTests.Scheduling;

public sealed class SchemeRolesTests
{
    private static readonly DeviceSet All = new(["end-01", "end-02"], ["edge-01", "edge-02"], ["cloud-01"]);

    [Theory]
    [InlineData(SchedulingScheme.End, true, false, false, null)]
    [InlineData(SchedulingScheme.EndEdge, true, true, false, null)]
    [InlineData(SchedulingScheme.EndEdge, true, false, true, "an Edge device")]
    [InlineData(SchedulingScheme.EndCloud, true, false, true, null)]
    [InlineData(SchedulingScheme.EndCloud, true, true, false, "a Cloud device")]
    [InlineData(SchedulingScheme.Mapping, true, false, true, null)]
    [InlineData(SchedulingScheme.Mapping, true, true, false, null)]
    [InlineData(SchedulingScheme.Mapping, true, false, false, "an Edge or Cloud device")]
    [InlineData(SchedulingScheme.EndEdge, false, true, true, "an End device")]
    public void The_missing_role_is_named_only_when_the_scheme_needs_it(SchedulingScheme scheme, bool end, bool edge, bool cloud, string? missing)
    {
        var live = new DeviceSet(end ? All.End : [], edge ? All.Edge : [], cloud ? All.Cloud : []);
        Assert.Equal(missing, SchemeRoles.Missing(scheme, live));
    }

    [Fact]
    public void A_mapping_replanned_without_its_cloud_sends_the_left_over_end_devices_to_the_edges()
    {
        var devices = new DeviceSet(["e1", "e2", "e3", "e4"], ["edge-01"], []);
        var cost = new TierCost(1, 0);

        Assert.Throws<SchedulingException>(() => MappingPlanner.Create(devices, cost, cost));
        var replanned = MappingPlanner.Create(devices, cost, cost, overflowToEdges: true);
        Assert.All(replanned.FineTargets, target => Assert.Equal("edge-01", target));
    }
}
