namespace HeteroOrleans.Grains.Emulation;

/// <summary>
/// How long an emulated device is busy with part of a model: its profile's time per image of its own model, shared out
/// by operations, so that a head or a tail cut anywhere takes the device the time its share of the work would, and its
/// time per batch, so that a batch of many images costs less per image than one of few.
/// </summary>
internal static class EmulatedTime
{
    /// <summary>What a batch of <paramref name="images"/> through its whole model takes <paramref name="device"/>.</summary>
    public static double ClassifyMs(DeviceProfile device, int images) => device.MsPerImage * images + device.MsPerBatch;

    /// <summary>
    /// What <paramref name="images"/> through the head of <paramref name="head"/> take <paramref name="device"/>, whose own model
    /// does <paramref name="ownFlops"/> per image; null when the device is not emulated or its speed or the head's work is
    /// unknown (the real time counts then).
    /// </summary>
    public static double? HeadMs(DeviceProfile device, double ownFlops, ModelCut? head, int images) =>
        device.ComputeMode != ComputeMode.Emulated || device.MsPerImage <= 0 || head is null || ownFlops <= 0
            ? null
            : (device.MsPerImage * images + device.MsPerBatch) / ownFlops * head.HeadFlops;

    /// <summary>What <paramref name="images"/> through the tail after <paramref name="cut"/> of its own model take <paramref name="device"/>; the whole model's time when the cut is unknown.</summary>
    public static double TailMs(DeviceProfile device, ModelCut? cut, int images) => ClassifyMs(device, images) * (cut?.TailShare ?? 1);
}
