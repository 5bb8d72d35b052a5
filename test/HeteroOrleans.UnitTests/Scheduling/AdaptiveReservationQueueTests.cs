namespace HeteroOrleans.UnitTests.Scheduling;

public sealed class AdaptiveReservationQueueTests
{
    private const int Batch = 10;
    private readonly FakeTimeProvider _time = new();

    private static DeviceProfile Device(string id, Tier tier, double msPerImage, double roundTripMs = 0) => PlannedDevices.Emulated(id, tier, msPerImage, roundTripMs);

    private AdaptivePlanner Plan(IReadOnlyList<DeviceProfile> devices)
    {
        string[] Ids(Tier tier) => devices.Where(d => d.Tier == tier).Select(d => d.Id).ToArray();
        return AdaptivePlanner.Create(devices, new DeviceSet(Ids(Tier.End), Ids(Tier.Edge), Ids(Tier.Cloud)), Batch, _time);
    }

    [Fact]
    public async Task Stages_that_find_no_room_are_served_in_arrival_order_one_per_release()
    {
        // One end device with a window of 2 tasks: the third and fourth stages wait, and each release serves the oldest.
        var planner = Plan([Device("e1", Tier.End, 1), Device("g1", Tier.Edge, 1)]);
        var first = await planner.ReserveAsync(StageKind.Coarse, Batch, CancellationToken.None);
        var second = await planner.ReserveAsync(StageKind.Coarse, Batch, CancellationToken.None);
        var third = planner.ReserveAsync(StageKind.Coarse, Batch, CancellationToken.None);
        var fourth = planner.ReserveAsync(StageKind.Coarse, Batch, CancellationToken.None);
        Assert.Equal(2, planner.Window("e1"));
        Assert.False(third.IsCompleted);
        Assert.Equal(2, planner.Waiting);

        planner.Release(first!.Value, answered: true);
        Assert.True(third.IsCompleted);
        Assert.False(fourth.IsCompleted);
        Assert.Equal("e1", (await third)!.Value.DeviceId);

        planner.Release(second!.Value, answered: true);
        Assert.Equal("e1", (await fourth)!.Value.DeviceId);
        Assert.Equal(2 * Batch, planner["e1"].OutstandingImages);
    }

    [Fact]
    public async Task A_stage_that_arrives_while_others_wait_queues_behind_them_even_if_room_appears()
    {
        var planner = Plan([Device("e1", Tier.End, 1), Device("g1", Tier.Edge, 1)]);
        var held = new[]
        {
            await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None),
            await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None),
        };
        var waiting = planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None);

        planner.Release(held[0]!.Value, answered: true);
        var late = planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None);

        Assert.True(waiting.IsCompleted);
        Assert.False(late.IsCompleted);
    }

    [Fact]
    public async Task A_cancelled_wait_ends_empty_and_gives_its_turn_to_the_next()
    {
        var planner = Plan([Device("e1", Tier.End, 1), Device("g1", Tier.Edge, 1)]);
        var held = await planner.ReserveAsync(StageKind.Coarse, Batch, CancellationToken.None);
        await planner.ReserveAsync(StageKind.Coarse, Batch, CancellationToken.None);
        using var deadline = new CancellationTokenSource();
        var cancelled = planner.ReserveAsync(StageKind.Coarse, Batch, deadline.Token);
        var next = planner.ReserveAsync(StageKind.Coarse, Batch, CancellationToken.None);

        await deadline.CancelAsync();
        Assert.Null(await cancelled);

        planner.Release(held!.Value, answered: true);
        Assert.Equal("e1", (await next)!.Value.DeviceId);
        Assert.Equal(2 * Batch, planner["e1"].OutstandingImages);
    }

    [Fact]
    public async Task A_device_that_is_not_available_gets_nothing_until_it_is_and_the_job_serves_again()
    {
        var planner = Plan([Device("e1", Tier.End, 1), Device("g1", Tier.Edge, 1), Device("g2", Tier.Edge, 1)]);
        var live = new HashSet<string> { "e1" };
        planner.Available = live.Contains;

        var fine = planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None);
        Assert.False(fine.IsCompleted);

        live.Add("g2");
        planner.Serve();
        Assert.Equal("g2", (await fine)!.Value.DeviceId);
    }

    [Theory]
    [InlineData(100_000, "c1")]
    [InlineData(50, null)]
    public async Task A_slow_device_with_room_gets_work_while_much_is_left_and_not_at_the_end_of_the_job(int jobImages, string? fifth)
    {
        // The edge (20 ms link) holds a window of 4 tasks; the cloud has room behind a 1 s link.
        var planner = Plan([Device("e1", Tier.End, 1), Device("g1", Tier.Edge, 1, 20), Device("c1", Tier.Cloud, 1, 1000)]);
        planner.ExpectedImages = jobImages;
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("g1", (await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None))!.Value.DeviceId);
        }

        // Much left: the cloud's capacity helps. At the end: the edge's next free slot returns the task sooner.
        var next = planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None);
        Assert.Equal(fifth, next.IsCompleted ? (await next)!.Value.DeviceId : null);
    }

    [Fact]
    public async Task With_thousands_of_devices_every_device_gets_work_and_none_more_than_its_window()
    {
        var devices = Enumerable.Range(0, 5000).Select(i => Device($"e{i:D4}", Tier.End, 10))
            .Concat(Enumerable.Range(0, 500).Select(i => Device($"g{i:D3}", Tier.Edge, 8, 500)))
            .Concat([Device("c1", Tier.Cloud, 10, 1000)]).ToList();
        var planner = Plan(devices);

        var coarse = new List<Reservation>();
        for (var i = 0; i < 10_000; i++)
        {
            coarse.Add((await planner.ReserveAsync(StageKind.Coarse, Batch, CancellationToken.None))!.Value);
        }

        // Every end device holds its window of two tasks: the sample finds the idle ones rather than piling onto a few.
        Assert.All(devices.Where(d => d.Tier == Tier.End), d => Assert.Equal(2 * Batch, planner[d.Id].OutstandingImages));
        Assert.False(planner.ReserveAsync(StageKind.Coarse, Batch, CancellationToken.None).IsCompleted);

        var fine = new List<Reservation>();
        for (var i = 0; i < 1000; i++)
        {
            fine.Add((await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None))!.Value);
        }

        // Two tasks per fine device on average; sampling the earliest finish keeps the busiest close to that.
        var perDevice = fine.GroupBy(r => r.DeviceId).Select(g => g.Count()).ToList();
        Assert.True(perDevice.Max() <= 4, $"a fine device got {perDevice.Max()} of 1,000 tasks over 501 devices");
        Assert.True(perDevice.Count >= 450, $"only {perDevice.Count} of 501 fine devices got work");
    }

    [Fact]
    public void Choosing_among_a_large_pool_finds_the_one_available_device_even_when_the_sample_misses_it()
    {
        var devices = Enumerable.Range(0, 1000).Select(i => Device($"e{i:D4}", Tier.End, 10)).Concat([Device("g1", Tier.Edge, 1)]).ToList();
        var planner = Plan(devices);
        var ends = devices.Where(d => d.Tier == Tier.End).Select(d => d.Id).ToList();
        // Only e0000 is available: a sample of 32 among 1,000 rarely holds it, and then the whole pool is weighed.
        planner.Available = id => id == "e0000";
        Assert.Equal("e0000", planner.ChooseAmong(ends, Batch));
    }
}
