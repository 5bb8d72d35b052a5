using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
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
    public Task ReportFailureAsync(string deviceId, string reason)
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
        foreach (var old in _jobs.Values.OrderByDescending(j => j.UpdatedUtc).Skip(JobsKept).ToList())
        {
            _jobs.Remove(old.JobId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobSummary>> GetJobsAsync() =>
        Task.FromResult<IReadOnlyList<JobSummary>>(_jobs.Values.OrderByDescending(j => j.UpdatedUtc).ToList());

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

    private async Task ProbeAsync(CancellationToken cancellation)
    {
        Refresh();
        var probed = _devices.Values.Where(d => !d.Reason.StartsWith(SiloGonePrefix, StringComparison.Ordinal)).ToList();
        await Task.WhenAll(probed.Select(async device =>
        {
            bool answered;
            try
            {
                await GrainFactory.GetDevice(device.Profile.Tier, device.Profile.Id).PingAsync().WaitAsync(options.ProbeTimeout, cancellation);
                answered = true;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException or InvalidOperationException)
            {
                answered = false;
            }

            device.Probed(answered, options.MissedProbesForDown);
        }));
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
