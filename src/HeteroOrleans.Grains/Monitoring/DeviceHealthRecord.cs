namespace HeteroOrleans.Grains.Monitoring;

/// <summary>
/// One device as the monitor keeps it: where it runs, its health and why, and the probes it missed in a row. A missed
/// probe makes an answering device suspected, enough of them in a row make it down, and any answer brings it back up. A
/// device that has never answered (still loading its model) is not held to its probes. Every change is dated and told
/// to the monitor's change log.
/// </summary>
internal sealed class DeviceHealthRecord(DeviceProfile profile, SiloAddress silo, Action<DeviceHealthRecord> changed, TimeProvider time)
{
    private int _missed;

    public DeviceProfile Profile { get; } = profile;

    public SiloAddress Silo { get; } = silo;

    public DeviceHealth Health { get; private set; } = DeviceHealth.Up;

    public string Reason { get; private set; } = string.Empty;

    public DownCause Cause { get; private set; }

    public DateTime SinceUtc { get; private set; } = time.GetUtcNow().UtcDateTime;

    public DateTime LastAnswerUtc { get; private set; }

    /// <summary>The last probe sent, until it answers or fails: a device is not probed again before.</summary>
    public Task? PendingProbe { get; set; }

    public void Set(DeviceHealth health, string reason, DownCause cause = DownCause.None)
    {
        (Health, Reason, Cause) = (health, reason, cause);
        SinceUtc = time.GetUtcNow().UtcDateTime;
        changed(this);
    }

    public DeviceRegistration ToRegistration() => new(Profile, Silo.ToString(), Health, Reason, SinceUtc, LastAnswerUtc);

    /// <summary>A probe ended: answered, or missed (timed out, or still pending when the next round came).</summary>
    public void Probed(bool answered, int missedForDown)
    {
        // A probe that was on its way when the device's silo began to drain says nothing that could bring it back.
        if (Cause == DownCause.Draining)
        {
            return;
        }

        if (answered)
        {
            var first = LastAnswerUtc == default;
            LastAnswerUtc = time.GetUtcNow().UtcDateTime;
            _missed = 0;
            if (Health != DeviceHealth.Up)
            {
                Set(DeviceHealth.Up, string.Empty);
            }
            else if (first)
            {
                // A device's first answer (a new device, or one whose silo came back) is news to a job that suspected
                // it: the job clears a suspicion only on an answer newer than it.
                changed(this);
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
                Set(DeviceHealth.Down, $"missed {_missed} probes", DownCause.MissedProbes);
            }
        }
        else if (Health == DeviceHealth.Up)
        {
            Set(DeviceHealth.Suspected, "missed a probe");
        }
    }
}
