namespace HeteroOrleans.Contracts.Devices;

/// <summary>A device's answer for one batch.</summary>
/// <param name="DeviceId">The device that classified the batch.</param>
/// <param name="SiloAddress">The silo the device ran on.</param>
/// <param name="Labels">Predicted class per image (coarse or fine, by the device's model).</param>
/// <param name="Confidences">Softmax probability of the predicted class per image.</param>
/// <param name="ComputeMs">Time spent in inference for this batch.</param>
/// <param name="QueueMs">Time the batch waited for the device's worker.</param>
/// <param name="Model">The model and version that answered (<c>id@version</c>); empty when not known.</param>
[GenerateSerializer, Immutable]
public sealed record InferenceResult(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string SiloAddress,
    [property: Id(2)] int[] Labels,
    [property: Id(3)] float[] Confidences,
    [property: Id(4)] double ComputeMs,
    [property: Id(5)] double QueueMs,
    [property: Id(6)] string Model = "");
