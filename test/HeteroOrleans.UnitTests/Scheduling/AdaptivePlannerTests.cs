namespace HeteroOrleans.UnitTests.Scheduling;

public sealed class AdaptivePlannerTests
{
    private const int Batch = 50;
    private readonly FakeTimeProvider _time = new();

    private static DeviceProfile Device(string id, Tier tier, double msPerImage, double roundTripMs = 0, double mbps = 0) =>
        new(id, tier, "model", tier != Tier.Cloud, new LinkProfile(roundTripMs, mbps), ComputeMode.Emulated, 1, MsPerImage: msPerImage);

    private AdaptivePlanner Plan(params DeviceProfile[] devices)
    {
        string[] Ids(Tier tier) => devices.Where(d => d.Tier == tier).Select(d => d.Id).ToArray();
        return AdaptivePlanner.Create(devices, new DeviceSet(Ids(Tier.End), Ids(Tier.Edge), Ids(Tier.Cloud)), Batch, _time);
    }

    [Fact]
    public void A_stage_goes_to_the_device_that_would_finish_it_first_counting_link_and_queue()
    {
        // The cloud computes faster but sits behind a 1 s link; the edge is slower over a 100 ms one.
        var planner = Plan(Device("e1", Tier.End, 10), Device("g1", Tier.Edge, 8, 100), Device("c1", Tier.Cloud, 2, 1000));

        Assert.Equal("g1", planner.Choose(planner.FineDevices, Batch));

        // Once the edge holds enough work, the cloud finishes a new task first.
        planner.Sent("g1", 3 * Batch);
        Assert.Equal("c1", planner.Choose(planner.FineDevices, Batch));

        planner.Returned("g1", 3 * Batch);
        Assert.Equal("g1", planner.Choose(planner.FineDevices, Batch));
    }

    [Fact]
    public void A_device_is_free_again_once_the_work_it_holds_is_due()
    {
        var planner = Plan(Device("e1", Tier.End, 10), Device("g1", Tier.Edge, 4), Device("g2", Tier.Edge, 5));
        planner.Sent("g1", 4 * Batch);

        Assert.Equal("g2", planner.Choose(planner.FineDevices, Batch));

        _time.Advance(TimeSpan.FromMilliseconds(800));
        Assert.Equal("g1", planner.Choose(planner.FineDevices, Batch));
    }

    [Fact]
    public void Work_spreads_over_devices_in_proportion_to_their_speed()
    {
        var planner = Plan(Device("e1", Tier.End, 10), Device("fast", Tier.Edge, 2), Device("slow", Tier.Edge, 6));
        var sent = new Dictionary<string, int> { ["fast"] = 0, ["slow"] = 0 };
        for (var i = 0; i < 400; i++)
        {
            var device = planner.Choose(planner.FineDevices, Batch)!;
            planner.Sent(device, Batch);
            sent[device]++;
        }

        // Equal finishing times: the fast device takes three tasks for each of the slow one's.
        Assert.InRange(sent["fast"] / (double)sent["slow"], 2.8, 3.2);
    }

    [Fact]
    public void A_device_that_slows_down_is_sent_less_once_its_answers_say_so()
    {
        var planner = Plan(Device("e1", Tier.End, 10), Device("g1", Tier.Edge, 4), Device("g2", Tier.Edge, 4));
        planner.Sent("g2", Batch);
        Assert.Equal("g1", planner.Choose(planner.FineDevices, Batch));

        for (var i = 0; i < 10; i++)
        {
            planner.Observe("g1", 20 * Batch, Batch);
        }

        Assert.InRange(planner["g1"].MsPerImage, 19, 20);
        Assert.Equal("g2", planner.Choose(planner.FineDevices, Batch));
    }

    [Fact]
    public void A_device_once_seen_slow_is_tried_again_after_a_while_unheard()
    {
        var planner = Plan(Device("e1", Tier.End, 10), Device("g1", Tier.Edge, 4), Device("g2", Tier.Edge, 4));
        for (var i = 0; i < 10; i++)
        {
            planner.Observe("g1", 20 * Batch, Batch);
        }

        planner.Sent("g2", 2 * Batch);
        Assert.Equal("g2", planner.Choose(planner.FineDevices, Batch));

        _time.Advance(TimeSpan.FromSeconds(10));
        planner.Sent("g2", 2 * Batch);
        Assert.Equal("g1", planner.Choose(planner.FineDevices, Batch));
        Assert.InRange(planner.FinishMs("g1", Batch), 200, 250);
    }

    [Fact]
    public void Only_the_candidates_given_are_chosen_from()
    {
        var planner = Plan(Device("e1", Tier.End, 10), Device("g1", Tier.Edge, 1), Device("c1", Tier.Cloud, 50, 1000));

        Assert.Equal("c1", planner.Choose(["c1"], Batch));
        Assert.Null(planner.Choose([], Batch));
        Assert.Null(planner.Choose(["unknown"], Batch));
    }

    [Theory]
    [InlineData(0, 10, 2)]      // no link: one computing, one waiting so the device never idles between tasks
    [InlineData(500, 10, 3)]    // a 0.5 s link behind 0.5 s tasks: one more
    [InlineData(1000, 10, 4)]   // a 1 s link behind 0.5 s tasks: two more
    [InlineData(1000, 0.1, 12)] // far more link than work: capped
    public void The_window_covers_the_link_with_work(double roundTripMs, double msPerImage, int window)
    {
        var planner = Plan(Device("e1", Tier.End, 10), Device("g1", Tier.Edge, msPerImage, roundTripMs));
        Assert.Equal(window, planner.Window("g1"));
    }

    [Fact]
    public void Bandwidth_counts_toward_a_devices_finish_and_window()
    {
        var narrow = Plan(Device("e1", Tier.End, 10), Device("g1", Tier.Edge, 1, 0, mbps: 1));
        var wide = Plan(Device("e1", Tier.End, 10), Device("g1", Tier.Edge, 1, 0, mbps: 1000));

        Assert.True(narrow.FinishMs("g1", Batch) > wide.FinishMs("g1", Batch) + 1000);
        Assert.True(narrow.Window("g1") > wide.Window("g1"));
    }

    [Theory]
    [InlineData(false, true, "an End device")]
    [InlineData(true, false, "an Edge or Cloud device")]
    public void A_job_without_a_role_it_needs_is_refused(bool withEnd, bool withUpper, string missing)
    {
        DeviceProfile[] devices = [.. withEnd ? [Device("e1", Tier.End, 10)] : Array.Empty<DeviceProfile>(), .. withUpper ? [Device("g1", Tier.Edge, 1)] : Array.Empty<DeviceProfile>()];
        var error = Assert.Throws<SchedulingException>(() => Plan(devices));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void A_reservation_counts_at_once_and_is_given_back()
    {
        var planner = Plan(Device("e1", Tier.End, 10), Device("g1", Tier.Edge, 4), Device("g2", Tier.Edge, 4));

        var first = planner.Reserve(planner.FineDevices, Batch)!.Value;
        Assert.Equal("g1", first.DeviceId);
        Assert.Equal("g2", planner.Reserve(planner.FineDevices, Batch)!.Value.DeviceId);
        Assert.Equal(Batch, planner["g1"].OutstandingImages);

        planner.Release(first, answered: true);
        Assert.Equal(0, planner["g1"].OutstandingImages);
        Assert.Equal("g1", planner.Reserve(planner.FineDevices, Batch)!.Value.DeviceId);
        Assert.Null(planner.Reserve([], Batch));
    }

    [Fact]
    public void A_device_whose_answers_come_late_is_expected_late_but_never_by_more_than_a_task()
    {
        var planner = Plan(Device("e1", Tier.End, 10), Device("c1", Tier.Cloud, 4, 1000), Device("g1", Tier.Edge, 4, 1000));
        for (var i = 0; i < 30; i++)
        {
            var reservation = planner.Reserve(["c1"], Batch)!.Value;
            _time.Advance(TimeSpan.FromMilliseconds(reservation.DueMs - planner.NowMs + 5000));
            planner.Release(reservation, answered: true);
        }

        Assert.Equal(1000 + Batch * 4, planner["c1"].LatenessMs, 3);
        Assert.Equal("g1", planner.Choose(planner.FineDevices, Batch));

        // A stage answered by another device (a retry) teaches nothing of the reserved one.
        var lost = planner.Reserve(["g1"], Batch)!.Value;
        _time.Advance(TimeSpan.FromSeconds(30));
        planner.Release(lost, answered: false);
        Assert.Equal(0, planner["g1"].LatenessMs);
    }
}
