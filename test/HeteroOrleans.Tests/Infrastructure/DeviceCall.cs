namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// One call <see cref="DeviceCallLog"/> saw: the device, the method, the task, the tensor its model was cut at (a tail's
/// features), and when it arrived and returned (stopwatch ticks).
/// </summary>
public sealed record DeviceCall(string DeviceId, string Method, int TaskIndex, string? Cut, long Arrived, long Returned);
