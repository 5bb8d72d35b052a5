namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// What runs a task through the hierarchy, composed once for a job or a stream: the scheme, the fault policy's view of
/// the devices, and the task runner over the stage caller, stage runner and privacy router.
/// </summary>
internal sealed class TaskPipeline
{
    private readonly JobDevices _devices;
    private readonly DeviceTimeouts _timeouts;
    private readonly PrivacyRouter _privacy;
    private readonly CutTable _cuts;

    private TaskPipeline(JobDevices devices, IDeviceView view, TaskRunner tasks, DeviceTimeouts timeouts, PrivacyRouter privacy, CutTable cuts) =>
        (_devices, View, Tasks, _timeouts, _privacy, _cuts) = (devices, view, tasks, timeouts, privacy, cuts);

    /// <summary>The scheme, following the view's live devices.</summary>
    public IJobScheme Scheme => _devices.Scheme;

    /// <summary>The fault policy's view of the devices.</summary>
    public IDeviceView View { get; }

    /// <summary>Each device's time per image as its answers show it.</summary>
    public DeviceTimeouts Speeds => _timeouts;

    /// <summary>Runs a task's stages.</summary>
    public TaskRunner Tasks { get; }

    /// <summary>
    /// Adds <paramref name="profile"/>, a device that joined while running, to every part that weighs devices: the
    /// scheme, its time-out, the encryptors and, for an untrusted device, its <paramref name="cut"/>. False when the
    /// scheme's plan cannot take it.
    /// </summary>
    public bool Join(DeviceProfile profile, FeatureCut? cut)
    {
        if (!_devices.Join(profile))
        {
            return false;
        }

        _timeouts.Expect(profile.Id, profile.MsPerImage);
        if (cut is not null)
        {
            _cuts.Add(profile.Id, cut);
        }

        _privacy.Joined();
        View.Admit(profile.Id);

        // Stages waiting for room may have it now.
        Scheme.Serve();
        return true;
    }

    /// <summary>
    /// Composes the pipeline of <paramref name="spec"/> on <paramref name="devices"/>: its cuts, counters and per-device
    /// usage are where the stages record what they do, and <paramref name="answers"/> hears each coarse answer.
    /// </summary>
    /// <param name="expectedImages">Images the scheme should plan for: a job's count, or a stream's planning horizon.</param>
    public static TaskPipeline Build(
        string jobId, JobSpec spec, JobDevices devices, CutTable cuts, JobCounters counters, UsageMeter usage,
        ICoarseAnswers answers, JobPorts ports, int expectedImages)
    {
        var (scheme, profiles) = (devices.Scheme, devices.Profiles);
        var policy = FaultPolicies.For(spec.Faults);
        var view = policy.Watch(ports.Monitor, scheme, profiles, ports.Time);
        scheme.Follow(view.IsLive, expectedImages);
        var timeouts = new DeviceTimeouts(spec.Timeout);
        foreach (var profile in profiles.Values)
        {
            timeouts.Expect(profile.Id, profile.MsPerImage);
        }

        var caller = new StageCaller(ports.Link, ports.Links, scheme, spec, jobId, usage, timeouts, counters, ports.Time);
        var privacy = new PrivacyRouter(spec, scheme, profiles, view, caller, counters, cuts);
        var stages = new StageRunner(policy, scheme, view, profiles, caller, counters, ports.Monitor, spec, jobId, ports.Logger, ports.Time);
        return new TaskPipeline(devices, view, new TaskRunner(scheme, policy, view, stages, caller, privacy, spec, answers), timeouts, privacy, cuts);
    }
}
