namespace HeteroOrleans.UnitTests.Scheduling;

public sealed class SharedMachineTests
{
    private const int Batch = 10;
    private readonly FakeTimeProvider _time = new();

    private static DeviceProfile Device(string id, Tier tier, double msPerImage, string machine, ComputeMode mode = ComputeMode.Onnx) =>
        new(id, tier, "model", tier != Tier.Cloud, LinkProfile.Local, mode, 1, MsPerImage: msPerImage, Machine: machine);

    [Theory]
    [InlineData("box", null)]
    [InlineData("another-box", "c1")]
    public async Task A_slower_device_on_the_machine_of_a_full_faster_one_gets_no_work_one_elsewhere_does(string cloudMachine, string? third)
    {
        // The edge (1 ms/image, no link) holds a window of 2 tasks; the cloud is ten times slower. On the edge's machine
        // it would only take the edge's cores: the third stage waits for the edge. On its own machine it adds capacity.
        var devices = new[] { Device("e1", Tier.End, 1, "box"), Device("g1", Tier.Edge, 1, "box"), Device("c1", Tier.Cloud, 10, cloudMachine) };
        var planner = AdaptivePlanner.Create(devices, new DeviceSet(["e1"], ["g1"], ["c1"]), Batch, _time);
        planner.ExpectedImages = 100_000;
        var held = new[]
        {
            await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None),
            await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None),
        };
        Assert.All(held, r => Assert.Equal("g1", r!.Value.DeviceId));

        var next = planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None);
        Assert.Equal(third, next.IsCompleted ? (await next)!.Value.DeviceId : null);

        // Room on the edge serves the waiting stage there.
        planner.Release(held[0]!.Value, answered: true);
        Assert.Equal(third ?? "g1", (await next)!.Value.DeviceId);
    }

    [Fact]
    public async Task A_device_on_a_shared_machine_still_takes_work_when_the_faster_one_is_gone()
    {
        var devices = new[] { Device("e1", Tier.End, 1, "box"), Device("g1", Tier.Edge, 1, "box"), Device("c1", Tier.Cloud, 10, "box") };
        var planner = AdaptivePlanner.Create(devices, new DeviceSet(["e1"], ["g1"], ["c1"]), Batch, _time);
        await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None);
        await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None);
        planner.Available = id => id != "g1";

        Assert.Equal("c1", (await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None))!.Value.DeviceId);
    }

    [Fact]
    public async Task Emulated_devices_do_not_share_the_machine_that_emulates_them()
    {
        // A preset emulates devices on one machine; their times are their own, and the slower one adds capacity.
        var devices = new[]
        {
            Device("e1", Tier.End, 1, "box", ComputeMode.Emulated), Device("g1", Tier.Edge, 1, "box", ComputeMode.Emulated),
            Device("c1", Tier.Cloud, 10, "box", ComputeMode.Emulated),
        };
        var planner = AdaptivePlanner.Create(devices, new DeviceSet(["e1"], ["g1"], ["c1"]), Batch, _time);
        planner.ExpectedImages = 100_000;
        await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None);
        await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None);

        Assert.Equal("c1", (await planner.ReserveAsync(StageKind.Fine, Batch, CancellationToken.None))!.Value.DeviceId);
    }

    [Fact]
    public async Task A_faster_device_whose_window_is_full_of_link_time_leaves_the_machine_to_the_slower_one()
    {
        // Single images behind a 500 ms link: the edge's window of 12 holds 12 ms of work; the cores are idle.
        var devices = new[]
        {
            Device("e1", Tier.End, 1, "box"), new DeviceProfile("g1", Tier.Edge, "model", true, new LinkProfile(500, 0), ComputeMode.Onnx, 1, MsPerImage: 1, Machine: "box"),
            new DeviceProfile("c1", Tier.Cloud, "model", false, new LinkProfile(1000, 0), ComputeMode.Onnx, 1, MsPerImage: 10, Machine: "box"),
        };
        var planner = AdaptivePlanner.Create(devices, new DeviceSet(["e1"], ["g1"], ["c1"]), 1, _time);
        planner.ExpectedImages = 100_000;
        for (var i = 0; i < planner.Window("g1"); i++)
        {
            Assert.Equal("g1", (await planner.ReserveAsync(StageKind.Fine, 1, CancellationToken.None))!.Value.DeviceId);
        }

        Assert.Equal("c1", (await planner.ReserveAsync(StageKind.Fine, 1, CancellationToken.None))!.Value.DeviceId);
    }
}
