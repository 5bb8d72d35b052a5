using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace HeteroOrleans.Grains.Monitoring;

/// <summary>
/// Keeps the list of available devices from Orleans membership (pushed to it as it changes), from its own
/// probes, and from the failures jobs report. It lives on an end-tier silo, beside the task assigner, as the
/// paper's monitor process does; its state is rebuilt from membership should it move.
/// </summary>
[TierFilter(Tier.End)]
[PreferLocalPlacement]
[Reentrant]
public sealed class DeviceMonitorGrain(
    IClusterMembershipService membership, SiloDeviceDirectory directory, IOptions<DeviceMonitorOptions> monitorOptions, TimeProvider time, ILogger<DeviceMonitorGrain> logger)
    : Grain, IDeviceMonitorGrain
{
    private readonly Dictionary<string, DeviceHealthRecord> _devices = new();
    private readonly DeviceMonitorOptions _options = monitorOptions.Value;
    private readonly ProbeRounds _rounds = new(monitorOptions.Value);
    private readonly DeviceChangeLog _changes = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<(string Device, SiloAddress Silo)> _doubles = [];

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Refresh();
        var self = this.AsReference<IDeviceMonitorGrain>();

        // Membership updates arrive as an endless stream; read it off the grain's scheduler (an await foreach in a
        // grain turn would hold the activation) and bring each change in through a grain call.
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
                {
                    await self.RefreshAsync();
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Device monitor stopped following membership; probes and job reports still apply");
            }
        });
        this.RegisterGrainTimer(ProbeAsync, new GrainTimerCreationOptions(_options.ProbeInterval, _options.ProbeInterval) { Interleave = true });
        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceRegistration>> GetDevicesAsync()
    {
        Refresh();
        return Task.FromResult(List(_ => true));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceRegistration>> GetAvailableAsync()
    {
        Refresh();
        return Task.FromResult(List(d => d.Health == DeviceHealth.Up));
    }

    /// <inheritdoc />
    public Task<DeviceChanges> GetChangesAsync(long sinceVersion)
    {
        Refresh();
        return Task.FromResult(_changes.Since(sinceVersion) is { } changed
            ? new DeviceChanges(_changes.Version, Complete: false, [.. changed.Where(d => ReferenceEquals(_devices.GetValueOrDefault(d.Profile.Id), d)).Select(d => d.ToRegistration())])
            : new DeviceChanges(_changes.Version, Complete: true, List(_ => true)));
    }

    /// <inheritdoc />
    public Task ReportSuspectAsync(string deviceId, string reason)
    {
        if (_devices.TryGetValue(deviceId, out var device) && device.Health == DeviceHealth.Up)
        {
            device.Set(DeviceHealth.Suspected, reason);
            logger.LogInformation("Device {Device} suspected: {Reason}", deviceId, reason);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> DrainAsync(string siloAddress)
    {
        Refresh();
        var held = _devices.Values.Where(d => d.Silo.ToString() == siloAddress).ToList();
        foreach (var device in held.Where(d => d.Health != DeviceHealth.Down || d.Cause != DownCause.SiloGone))
        {
            device.Set(DeviceHealth.Draining, $"silo {siloAddress} is draining", DownCause.Draining);
        }

        logger.LogInformation("Silo {Silo} is draining: its {Count} device(s) take no new work", siloAddress, held.Count);
        return Task.FromResult(held.Count);
    }

    /// <inheritdoc />
    public Task RefreshAsync()
    {
        Refresh();
        return Task.CompletedTask;
    }

    private IReadOnlyList<DeviceRegistration> List(Func<DeviceHealthRecord, bool> include) =>
        _devices.Values.Where(include)
            .OrderBy(d => d.Profile.Tier).ThenBy(d => d.Profile.Id, StringComparer.Ordinal)
            .Select(d => d.ToRegistration())
            .ToList();

    private void Changed(DeviceHealthRecord device) => _changes.Add(device, _devices.Count);

    // Devices come from the metadata of active silos; a silo that stops or dies takes its devices down. A silo
    // briefly missing from a snapshot is not taken for dead: only a status that says so counts.
    // Read on every call: a silo's metadata may reach this silo a little after the silo itself.
    private void Refresh()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var member in snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active))
        {
            foreach (var profile in directory.Of(member.SiloAddress).Devices)
            {
                if (_devices.TryGetValue(profile.Id, out var holder) && !holder.Silo.Equals(member.SiloAddress)
                    && snapshot.GetSiloStatus(holder.Silo) == SiloStatus.Active)
                {
                    // Two live silos declare one device: it runs on one of them only. Keep the first, and say so.
                    if (_doubles.Add((profile.Id, member.SiloAddress)))
                    {
                        logger.LogWarning("Device {Device} is declared by silo {Silo} and by silo {Other}; it runs on {Silo} only. Give each device one silo.",
                            profile.Id, holder.Silo, member.SiloAddress, holder.Silo);
                    }

                    continue;
                }

                if (!_devices.TryGetValue(profile.Id, out var known) || !known.Silo.Equals(member.SiloAddress))
                {
                    var record = _devices[profile.Id] = new DeviceHealthRecord(profile, member.SiloAddress, Changed, time);
                    Changed(record);
                }
                else if (known.Cause == DownCause.SiloGone)
                {
                    known.Set(DeviceHealth.Up, string.Empty);
                }
            }
        }

        // A silo that goes takes its devices down together: one line per silo, naming a few of them.
        var gone = new Dictionary<(SiloAddress Silo, SiloStatus Status), List<string>>();
        foreach (var device in _devices.Values)
        {
            var status = snapshot.GetSiloStatus(device.Silo);
            if (status is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping && device.Health != DeviceHealth.Down)
            {
                device.Set(DeviceHealth.Down, $"silo {device.Silo} is {status}", DownCause.SiloGone);
                (gone.TryGetValue((device.Silo, status), out var ids) ? ids : gone[(device.Silo, status)] = []).Add(device.Profile.Id);
            }
        }

        foreach (var ((silo, status), ids) in gone)
        {
            logger.LogInformation("{Count} device(s) down: silo {Silo} is {Status} ({Devices}{More})",
                ids.Count, silo, status, string.Join(", ", ids.Take(5)), ids.Count > 5 ? $" and {ids.Count - 5} more" : string.Empty);
        }
    }

    // Each round probes the devices whose silo is up, as many as the probe budget allows, taking up where the last
    // round stopped. A probe that answers after its time-out still counts as an answer when it comes (a busy machine
    // is slow, not dead); until then the device is not probed again.
    private async Task ProbeAsync(CancellationToken cancellation)
    {
        Refresh();
        // A draining device answers probes until its silo goes, but must not be brought back up by them.
        var probed = _rounds.Next(_devices.Values.Where(d => d.Cause is not (DownCause.SiloGone or DownCause.Draining)).ToList());
        await Task.WhenAll(probed.Select(async device =>
        {
            if (device.PendingProbe is { IsCompleted: false } pending)
            {
                device.Probed(false, _options.MissedProbesForDown);
                return;
            }

            var ping = GrainFactory.GetDevice(device.Profile.Tier, device.Profile.Id).PingAsync();
            device.PendingProbe = ping;
            bool answered;
            try
            {
                await ping.WaitAsync(_options.ProbeTimeout, time, cancellation);
                answered = true;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException or InvalidOperationException)
            {
                answered = false;
                if (e is TimeoutException)
                {
                    _ = CountLateAnswerAsync(device, ping);
                }
            }

            device.Probed(answered, _options.MissedProbesForDown);
        }));
    }

    private async Task CountLateAnswerAsync(DeviceHealthRecord device, Task ping)
    {
        try
        {
            await ping;
            device.Probed(true, _options.MissedProbesForDown);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException or InvalidOperationException)
        {
            // No answer after all: the next rounds count it.
        }
    }
}
