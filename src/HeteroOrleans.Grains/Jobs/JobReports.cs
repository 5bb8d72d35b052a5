namespace HeteroOrleans.Grains.Jobs;

/// <summary>A job's report from its life and its running execution.</summary>
internal static class JobReports
{
    /// <summary>The report of job <paramref name="jobId"/>, shown as <paramref name="state"/> at <paramref name="nowUtc"/>.</summary>
    public static JobReport Of(string jobId, JobLife life, JobExecution run, JobState state, DateTime nowUtc)
    {
        var (ledger, counters) = (run.Results.Ledger, run.Results.Counters);
        var (missing, missingCount) = ledger.Missing();
        var makespan = state == JobState.Running ? (nowUtc - life.StartedUtc).TotalMilliseconds : life.MakespanMs;
        return new JobReport(
            jobId, life.Spec!, state, ledger.Recorded, ledger.Duplicates, missing, missingCount, ledger.CoarseAccuracy, ledger.FineAccuracy, makespan,
            run.Results.Usage.Snapshot(), life.Plan, counters.Timeouts, counters.Retries, counters.LostTasks, counters.RawBatchesToUntrusted,
            counters.EncryptedBatches, counters.BytesSent, counters.Hedges, counters.HedgesWon, counters.WastedImages, life.Activations,
            counters.Suspicions, state == JobState.Running ? null : life.EndReason, counters.RedoneImages, ledger.Escalated, ledger.KeptCoarseAccuracy,
            run.SchedulingTime.TotalMilliseconds, run.Results.Latencies.CoarseSummary(), run.Results.Latencies.FineSummary(), [.. run.Results.Cuts.Changes],
            life.Spec!.Escalate == Escalation.All ? null : run.EscalationThreshold, run.Results.Joins);
    }
}
