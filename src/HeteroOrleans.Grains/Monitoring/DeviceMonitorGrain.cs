using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Contracts.Monitoring;
using HeteroOrleans.Grains.Hosting;
using HeteroOrleans.Grains.Placement;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace HeteroOrleans.Grains.Monitoring;

/// <summary>
/// Keeps the list of available devices from Orleans membership (pushed to it as it changes), from its own
/// probes, and from the failures jobs report. It lives on an end-tier silo, beside the task assigner, as the
/// paper's monitor process does; its state is rebuilt from membership should it move.
/// </summary>
[TierPlacement(Tier.End)]
[Reentrant]
public sealed class DeviceMonitorGrain(
    IClusterMembershipService membership, ISiloMetadataCache metadata, DeviceMonitorOptions options, ILogger<DeviceMonitorGrain> logger)
    : Grain, IDeviceMonitorGrain
{
    private readonly Dictionary<string, DeviceRecord> _devices = new();
    private const string SiloGonePrefix = "silo";
    private const int JobsKept = 20;
    private static readonly TimeSpan EndedJobsShownFor = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, JobSummary> _jobs = new();
    private readonly Dictionary<SiloAddress, SiloDeviceMetadata> _declared = new();
    private readonly CancellationTokenSource _stopping = new();

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
        this.RegisterGrainTimer(ProbeAsync, new GrainTimerCreationOptions(options.ProbeInterval, options.ProbeInterval) { Interleave = true });
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
    public Task ReportJobAsync(JobSummary job)
    {
        _jobs[job.JobId] = job;
        PruneJobs();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobSummary>> GetJobsAsync()
    {
        PruneJobs();
        return Task.FromResult<IReadOnlyList<JobSummary>>(_jobs.Values.OrderByDescending(j => j.UpdatedUtc).ToList());
    }

    // Ended jobs leave the live views after a minute (their reports stay readable from the jobs); a job that stopped
    // reporting while running (its silo died, and no client resumed it) leaves them too, after a while.
    private void PruneJobs()
    {
        var now = DateTime.UtcNow;
        foreach (var job in _jobs.Values.ToList())
        {
            var quietFor = now - job.UpdatedUtc;
            if (quietFor > EndedJobsShownFor && (job.State != JobState.Running || quietFor > 10 * EndedJobsShownFor))
            {
                _jobs.Remove(job.JobId);
            }
        }

        foreach (var old in _jobs.Values.OrderByDescending(j => j.UpdatedUtc).Skip(JobsKept).ToList())
        {
            _jobs.Remove(old.JobId);
        }
    }

    /// <inheritdoc />
    public Task RefreshAsync()
    {
        Refresh();
        return Task.CompletedTask;
    }

    private IReadOnlyList<DeviceRegistration> List(Func<DeviceRecord, bool> include) =>
        _devices.Values.Where(include)
            .OrderBy(d => d.Profile.Tier).ThenBy(d => d.Profile.Id, StringComparer.Ordinal)
            .Select(d => new DeviceRegistration(d.Profile, d.Silo.ToString(), d.Health, d.Reason, d.SinceUtc, d.LastAnswerUtc))
            .ToList();

    // Devices come from the metadata of active silos; a silo that stops or dies takes its devices down. A silo
    // briefly missing from a snapshot is not taken for dead: only a status that says so counts.
    // Re-read on every call: a silo's metadata may reach this silo a little after the silo itself.
    private void Refresh()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var member in snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active))
        {
            foreach (var profile in Declared(member.SiloAddress).Devices)
            {
                if (!_devices.TryGetValue(profile.Id, out var known) || !known.Silo.Equals(member.SiloAddress))
                {
                    _devices[profile.Id] = new DeviceRecord(profile, member.SiloAddress);
                }
                else if (known.Health == DeviceHealth.Down && known.Reason.StartsWith(SiloGonePrefix, StringComparison.Ordinal))
                {
                    known.Set(DeviceHealth.Up, string.Empty);
                }
            }
        }

        foreach (var device in _devices.Values)
        {
            var status = snapshot.GetSiloStatus(device.Silo);
            if (status is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping && device.Health != DeviceHealth.Down)
            {
                device.Set(DeviceHealth.Down, $"{SiloGonePrefix} {device.Silo} is {status}");
                logger.LogInformation("Device {Device} down: silo {Silo} is {Status}", device.Profile.Id, device.Silo, status);
            }
        }
    }

    // A silo's metadata is fixed for its life: parse it once, not on every assignment a job asks about. An empty
    // answer (metadata not arrived yet) is not kept, so the silo's devices appear once it arrives.
    private SiloDeviceMetadata Declared(SiloAddress silo)
    {
        if (_declared.TryGetValue(silo, out var known))
        {
            return known;
        }

        var read = SiloDeviceMetadata.Read(metadata.GetSiloMetadata(silo));
        if (read.Tiers.Count > 0)
        {
            _declared[silo] = read;
        }

        return read;
    }

    // Each round probes every device whose silo is up. A probe that answers after its time-out still counts as an
    // answer when it comes (a busy machine is slow, not dead); until then the device is not probed again.
    private async Task ProbeAsync(CancellationToken cancellation)
    {
        Refresh();
        var probed = _devices.Values.Where(d => !d.Reason.StartsWith(SiloGonePrefix, StringComparison.Ordinal)).ToList();
        await Task.WhenAll(probed.Select(async device =>
        {
            if (device.PendingProbe is { IsCompleted: false } pending)
            {
                device.Probed(false, options.MissedProbesForDown);
                return;
            }

            var ping = GrainFactory.GetDevice(device.Profile.Tier, device.Profile.Id).PingAsync();
            device.PendingProbe = ping;
            bool answered;
            try
            {
                await ping.WaitAsync(options.ProbeTimeout, cancellation);
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

            device.Probed(answered, options.MissedProbesForDown);
        }));
    }

    private async Task CountLateAnswerAsync(DeviceRecord device, Task ping)
    {
        try
        {
            await ping;
            device.Probed(true, options.MissedProbesForDown);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException or InvalidOperationException)
        {
            // No answer after all: the next rounds count it.
        }
    }

    private sealed class DeviceRecord(DeviceProfile profile, SiloAddress silo)
    {
        private int _missed;

        public DeviceProfile Profile { get; } = profile;

        public SiloAddress Silo { get; } = silo;

        public DeviceHealth Health { get; private set; } = DeviceHealth.Up;

        public string Reason { get; private set; } = string.Empty;

        public DateTime SinceUtc { get; private set; } = DateTime.UtcNow;

        public DateTime LastAnswerUtc { get; private set; }

        /// <summary>The last probe sent, until it answers or fails.</summary>
        public Task? PendingProbe { get; set; }

        public void Set(DeviceHealth health, string reason)
        {
            Health = health;
            Reason = reason;
            SinceUtc = DateTime.UtcNow;
        }

        // A device still loading its model has never answered; only silence after an answer counts against it.
        public void Probed(bool answered, int missedForDown)
        {
            if (answered)
            {
                LastAnswerUtc = DateTime.UtcNow;
                _missed = 0;
                if (Health != DeviceHealth.Up)
                {
                    Set(DeviceHealth.Up, string.Empty);
                }

                return;
            }

            if (LastAnswerUtc == default && Health == DeviceHealth.Up)
            {
                return;
            }

            _missed++;
            if (_missed >= missedForDown)
            {
                if (Health != DeviceHealth.Down)
                {
                    Set(DeviceHealth.Down, $"missed {_missed} probes");
                }
            }
            else if (Health == DeviceHealth.Up)
            {
                Set(DeviceHealth.Suspected, "missed a probe");
            }
        }
    }
}
