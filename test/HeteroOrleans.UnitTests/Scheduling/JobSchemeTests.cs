namespace HeteroOrleans.UnitTests.Scheduling;

public sealed class JobSchemeTests
{
    private static readonly DeviceProfile[] Devices =
    [
        Device("end-01", Tier.End, 10), Device("end-02", Tier.End, 10), Device("end-03", Tier.End, 10),
        Device("edge-01", Tier.Edge, 8), Device("cloud-01", Tier.Cloud, 11),
    ];

    [Theory]
    [InlineData(SchedulingScheme.End, "")]
    [InlineData(SchedulingScheme.EndEdge, "edge-01")]
    [InlineData(SchedulingScheme.EndCloud, "cloud-01")]
    [InlineData(SchedulingScheme.Mapping, "edge-01 cloud-01")]
    [InlineData(SchedulingScheme.Adaptive, "edge-01 cloud-01")]
    public void Each_scheme_says_once_which_devices_serve_its_fine_stage(SchedulingScheme kind, string fine)
    {
        var scheme = JobSchemes.Create(kind, Devices, batch: 50);

        Assert.Equal(fine, string.Join(' ', scheme.DevicesFor(StageKind.Fine)));
        Assert.Equal(["end-01", "end-02", "end-03"], scheme.DevicesFor(StageKind.Coarse));
    }

    [Fact]
    public void A_paper_scheme_backs_a_stage_up_within_its_tier_and_Adaptive_within_its_role()
    {
        var paper = JobSchemes.Create(SchedulingScheme.Mapping, Devices, 50);
        var adaptive = JobSchemes.Create(SchedulingScheme.Adaptive, Devices, 50);

        Assert.Equal(["edge-01"], paper.PeersOf("edge-01"));
        Assert.Equal(["edge-01", "cloud-01"], adaptive.PeersOf("edge-01"));
        Assert.Empty(paper.PeersOf("stranger"));
        Assert.True(paper.OneTaskAtATime && !adaptive.OneTaskAtATime);
    }

    [Fact]
    public async Task Over_the_live_devices_a_task_goes_to_the_least_loaded_of_the_schemes_next_turns()
    {
        var scheme = JobSchemes.Create(SchedulingScheme.EndEdge, Devices, 50);
        var live = new DeviceSet(["end-01", "end-02", "end-03"], ["edge-01"], []);
        var load = new Dictionary<string, int> { ["end-01"] = 1, ["end-02"] = 0, ["end-03"] = 0 };

        // Turn 0 is end-01's, which holds a stage more than the others: end-02 takes it; then turn 1 is end-02's again.
        Assert.Equal("end-02", await CoarseOf(scheme.PlaceOver(live, 1, id => load[id])));
        load["end-02"] = 1;
        Assert.Equal("end-03", await CoarseOf(scheme.PlaceOver(live, 1, id => load[id])));
    }

    [Fact]
    public void Over_live_devices_a_scheme_that_cannot_run_places_nothing_until_the_set_changes()
    {
        var scheme = JobSchemes.Create(SchedulingScheme.EndEdge, Devices, 50);

        Assert.Null(scheme.PlaceOver(new DeviceSet(["end-01"], [], ["cloud-01"]), liveVersion: 1, _ => 0));
        Assert.NotNull(scheme.PlaceOver(new DeviceSet(["end-01"], ["edge-01"], ["cloud-01"]), liveVersion: 2, _ => 0));
    }

    [Fact]
    public async Task By_index_a_paper_scheme_keeps_the_papers_assignment_whatever_the_load()
    {
        var scheme = JobSchemes.Create(SchedulingScheme.EndCloud, Devices, 50);

        Assert.Equal(["end-01", "end-02", "end-03", "end-01"], await Task.WhenAll(Enumerable.Range(0, 4).Select(i => CoarseOf(scheme.PlaceByIndex(i)))));
        Assert.Equal("cloud-01", (await scheme.PlaceByIndex(7).PlaceAsync(StageKind.Fine, 50, CancellationToken.None))!.Value.DeviceId);
    }

    [Fact]
    public async Task Adaptive_reserves_each_stage_on_the_device_that_finishes_it_first_and_takes_the_room_back()
    {
        var scheme = JobSchemes.Create(SchedulingScheme.Adaptive, Devices, 50);
        var placement = scheme.PlaceByIndex(0);

        var fine = (await placement.PlaceAsync(StageKind.Fine, 50, CancellationToken.None))!.Value;

        Assert.Equal("edge-01", fine.DeviceId);
        Assert.NotNull(fine.Reservation);
        Assert.Equal(50, ((AdaptiveScheme)scheme).Planner["edge-01"].OutstandingImages);
        placement.Release(fine, answered: true);
        Assert.Equal(0, ((AdaptiveScheme)scheme).Planner["edge-01"].OutstandingImages);
    }

    [Fact]
    public void A_scheme_without_a_device_for_a_role_it_needs_is_refused_naming_the_role()
    {
        var error = Assert.Throws<SchedulingException>(() => JobSchemes.Create(SchedulingScheme.EndEdge, [Devices[0], Devices[4]], 50));

        Assert.Contains("edge", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> CoarseOf(ITaskPlacement? placement) =>
        (await placement!.PlaceAsync(StageKind.Coarse, 50, CancellationToken.None))!.Value.DeviceId;

    private static DeviceProfile Device(string id, Tier tier, double msPerImage) =>
        new(id, tier, "m", tier != Tier.Cloud, new LinkProfile(tier == Tier.End ? 0 : 500, 0), ComputeMode.Emulated, 1, MsPerImage: msPerImage);
}
