namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// What runs a task through the hierarchy, composed once for a job or a stream: the scheme, the fault policy's view of
/// the devices, and the task runner over the stage caller, stage runner and privacy router.
/// </summary>
/// <param name="Scheme">The scheme, following the view's live devices.</param>
/// <param name="View">The fault policy's view of the devices.</param>
/// <param name="Tasks">Runs a task's stages.</param>
internal sealed record TaskPipeline(IJobScheme Scheme, IDeviceView View, TaskRunner Tasks)
{
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
        return new TaskPipeline(scheme, view, new TaskRunner(scheme, policy, view, stages, caller, privacy, spec, answers));
    }
}
