namespace HeteroOrleans.UnitTests.Scheduling;

public sealed class AdaptiveJoinTests
{
    private const int Batch = 10;
    private readonly FakeTimeProvider _time = new();

    private static DeviceProfile Device(string id, Tier tier, double msPerImage, double roundTripMs = 0) => PlannedDevices.Emulated(id, tier, msPerImage, roundTripMs);

    private AdaptiveScheme Scheme(params DeviceProfile[] devices) => AdaptiveScheme.Create(devices, Batch, _time);

    [Fact]
    public async Task A_fine_stage_waiting_for_room_goes_to_an_edge_that_joins()
    {
        var scheme = Scheme(Device("e1", Tier.End, 1), Device("g1", Tier.Edge, 1));
        var planner = scheme.Planner;
        var window = planner.Window("g1");
        for (var i = 0; i < window; i++)
        {
            Assert.NotNull(await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None));
        }

        var waiting = planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        Assert.True(scheme.Join(Device("g2", Tier.Edge, 1)));

        Assert.Equal("g2", (await waiting)!.Value.DeviceId);
        Assert.Equal(["g1", "g2"], scheme.Devices.Edge);
        Assert.Equal(["g1", "g2"], scheme.PeersOf("g2"));
    }

    [Fact]
    public void A_joined_end_device_runs_coarse_stages_and_a_joined_cloud_fine_ones()
    {
        var scheme = Scheme(Device("e1", Tier.End, 1), Device("g1", Tier.Edge, 1));

        Assert.True(scheme.Join(Device("e2", Tier.End, 1)));
        Assert.True(scheme.Join(Device("c1", Tier.Cloud, 1, roundTripMs: 40)));

        Assert.Equal(["e1", "e2"], scheme.DevicesFor(StageKind.Coarse));
        Assert.Equal(["g1", "c1"], scheme.DevicesFor(StageKind.Fine));
        Assert.Equal(["e1", "e2"], scheme.PeersOf("e2"));
        Assert.Equal(40, scheme.Planner["c1"].RoundTripMs);
    }

    [Fact]
    public void A_device_already_planned_is_not_added_twice()
    {
        var scheme = Scheme(Device("e1", Tier.End, 1), Device("g1", Tier.Edge, 1));

        Assert.False(scheme.Join(Device("g1", Tier.Edge, 1)));
        Assert.Equal(["g1"], scheme.Devices.Edge);
    }

    [Theory]
    [InlineData(SchedulingScheme.End)]
    [InlineData(SchedulingScheme.EndEdge)]
    [InlineData(SchedulingScheme.Mapping)]
    public void The_papers_schemes_keep_the_devices_they_were_planned_over(SchedulingScheme kind)
    {
        var scheme = JobSchemes.Create(kind, [Device("e1", Tier.End, 1), Device("g1", Tier.Edge, 1)], Batch, _time);

        Assert.False(scheme.Join(Device("g2", Tier.Edge, 1)));
        Assert.DoesNotContain("g2", scheme.Devices.Edge);
    }
}
