using HeteroOrleans.Grains.Links;
using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>What a running job reaches outside itself: its devices, the device monitor, its grain, a clock, a log and the measured links.</summary>
/// <param name="Link">The devices, over their emulated links.</param>
/// <param name="Monitor">The device monitor.</param>
/// <param name="Outbox">The job's grain.</param>
/// <param name="Time">The clock every wait and time-out runs on.</param>
/// <param name="Logger">The job's log.</param>
/// <param name="Links">Where every transfer to a device is timed: the links as measured.</param>
internal sealed record JobPorts(IDeviceLink Link, IDeviceMonitorGrain Monitor, IJobOutbox Outbox, TimeProvider Time, ILogger Logger, LinkMeter Links);
