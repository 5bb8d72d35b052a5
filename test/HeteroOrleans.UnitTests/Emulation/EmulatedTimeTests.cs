namespace HeteroOrleans.UnitTests.Emulation;

public sealed class EmulatedTimeTests
{
    private static readonly DeviceProfile End = new("end-01", Tier.End, "mobilenet", true, LinkProfile.Local, ComputeMode.Emulated, 1, MsPerImage: 10);

    [Fact]
    public void A_head_takes_the_device_its_own_time_per_operation_times_the_heads_operations()
    {
        // The device's own model: 100 MFLOP in 10 ms an image. A head of 30 MFLOP of another model: 3 ms an image.
        var head = new ModelCut("conv1", [16, 32, 32], HeadFlops: 30, TotalFlops: 400);

        Assert.Equal(150, EmulatedTime.HeadMs(End, ownFlops: 100, head, images: 50));
    }

    [Fact]
    public void A_head_on_a_real_device_or_of_unknown_work_takes_the_time_it_really_takes()
    {
        var head = new ModelCut("conv1", [16, 32, 32], HeadFlops: 30, TotalFlops: 400);

        Assert.Null(EmulatedTime.HeadMs(End with { ComputeMode = ComputeMode.Onnx }, 100, head, 50));
        Assert.Null(EmulatedTime.HeadMs(End with { MsPerImage = 0 }, 100, head, 50));
        Assert.Null(EmulatedTime.HeadMs(End, 100, head: null, 50));
    }

    [Fact]
    public void A_tail_takes_its_share_of_the_devices_time_and_the_whole_time_when_the_cut_is_unknown()
    {
        var cut = new ModelCut("group3", [64, 8, 8], HeadFlops: 300, TotalFlops: 400);

        Assert.Equal(125, EmulatedTime.TailMs(End, cut, images: 50));
        Assert.Equal(500, EmulatedTime.TailMs(End, cut: null, images: 50));
    }

    [Fact]
    public void A_batch_costs_its_fixed_time_once_and_its_time_per_image_for_each_image()
    {
        // 10 ms an image and 20 ms a batch: one image alone costs 30 ms, each of 50 in a batch 10.4 ms.
        var batched = End with { MsPerBatch = 20 };
        var cut = new ModelCut("group3", [64, 8, 8], HeadFlops: 300, TotalFlops: 400);

        Assert.Equal(30, EmulatedTime.ClassifyMs(batched, images: 1));
        Assert.Equal(520, EmulatedTime.ClassifyMs(batched, images: 50));
        Assert.Equal(130, EmulatedTime.TailMs(batched, cut, images: 50));
        Assert.Equal(520 * 0.3, EmulatedTime.HeadMs(batched, ownFlops: 100, new ModelCut("conv1", [16, 32, 32], HeadFlops: 30, TotalFlops: 400), images: 50)!.Value, 9);
    }
}
