namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Builds a running job from its stored record: the one place that composes the scheme, the fault policy, the device
/// view, the stage caller and runner, the privacy router and the task runner, each from the job's spec and devices.
/// </summary>
internal static class JobEngine
{
    /// <summary>The running job of <paramref name="record"/> (its spec, devices, cuts and results so far), on <paramref name="ports"/>.</summary>
    /// <exception cref="InvalidOperationException">The record has no spec, or its devices cannot run its scheme.</exception>
    /// <param name="jobId">The job.</param>
    /// <param name="record">Its stored record.</param>
    /// <param name="ports">What it reaches outside itself.</param>
    /// <param name="devices">Its devices and scheme, when the job's start has just chosen them; else chosen again from the record.</param>
    public static JobExecution Build(string jobId, JobRecord record, JobPorts ports, JobDevices? devices = null)
    {
        var spec = record.Spec ?? throw new InvalidOperationException($"Job {jobId} has no spec.");
        devices ??= JobDevices.Select(spec, record.Devices, ports.Time, asChosen: true);
        var (scheme, profiles) = (devices.Scheme, devices.Profiles);
        var policy = FaultPolicies.For(spec.Faults);
        var view = policy.Watch(ports.Monitor, scheme, profiles, ports.Time);
        scheme.Follow(view.IsLive, spec.ImageCount);
        var results = JobResults.Restore(record, spec, profiles);
        var answers = new JobAnswers(results.Latencies, ports.Outbox, ports.Time);
        var timeouts = new DeviceTimeouts(spec.Timeout);
        foreach (var profile in profiles.Values)
        {
            timeouts.Expect(profile.Id, profile.MsPerImage);
        }

        var caller = new StageCaller(ports.Link, scheme, spec, jobId, results.Usage, timeouts, results.Counters, ports.Time);
        var privacy = new PrivacyRouter(spec, scheme, profiles, view, caller, results.Counters, record.Cuts);
        var stages = new StageRunner(policy, scheme, view, profiles, caller, results.Counters, ports.Monitor, spec, jobId, ports.Logger, ports.Time);
        var tasks = new TaskRunner(scheme, policy, view, stages, caller, privacy, spec, answers);
        return new JobExecution(jobId, spec, results, answers, tasks, scheme, view, ports);
    }
}
