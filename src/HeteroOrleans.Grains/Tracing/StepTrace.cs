namespace HeteroOrleans.Grains.Tracing;

/// <summary>
/// The timeline of one step of a stage on one device, as its caller saw it: waiting for the device's lane, the link
/// out, the device's call (its queue and compute as the device measured them), the link back.
/// </summary>
/// <param name="Step">What ran: <c>coarse</c>, <c>fine</c>, <c>head</c> (encryption) or <c>tail</c> (the rest after a cut).</param>
/// <param name="DeviceId">The device.</param>
/// <param name="Started">When the step began: it waits for the device's lane first.</param>
/// <param name="Sent">When its link out began.</param>
/// <param name="Arrived">When the link out ended and the call was made.</param>
/// <param name="Answered">When the call returned.</param>
/// <param name="Returned">When the link back ended.</param>
/// <param name="QueueMs">How long the work waited at the device.</param>
/// <param name="ComputeMs">How long the device ran it.</param>
public sealed record StepTrace(
    string Step, string DeviceId, DateTimeOffset Started, DateTimeOffset Sent, DateTimeOffset Arrived, DateTimeOffset Answered, DateTimeOffset Returned,
    double QueueMs, double ComputeMs);
