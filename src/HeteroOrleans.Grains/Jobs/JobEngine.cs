namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Builds a running job from its stored record: its results so far, its answers, and the <see cref="TaskPipeline"/> of
/// its spec and devices (the one place that composes the scheme, the fault policy and the stages).
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
        var results = JobResults.Restore(record, spec, devices.Profiles);
        var answers = new JobAnswers(results.Latencies, ports.Outbox, ports.Time);
        var pipeline = TaskPipeline.Build(jobId, spec, devices, results.Cuts, results.Counters, results.Usage, answers, ports, spec.ImageCount);
        return new JobExecution(jobId, spec, results, answers, pipeline, ports);
    }
}
