namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>One call <see cref="DeviceCallLog"/> saw: the device, the method, the task, and when it arrived and returned (stopwatch ticks).</summary>
public sealed record DeviceCall(string DeviceId, string Method, int TaskIndex, long Arrived, long Returned);
