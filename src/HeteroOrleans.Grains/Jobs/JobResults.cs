namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// What a job has done so far: each image's result, each image's wait for its answers, its counts, what each device did,
/// the tasks it took in and those it gave up. Restored from the stored record, so that an activation on another silo
/// goes on from the last one's; copied, never shared, into the next record.
/// </summary>
internal sealed class JobResults
{
    private readonly List<DeviceJoin> _joins;

    private JobResults(JobRecord record, JobSpec spec, IReadOnlyDictionary<string, DeviceProfile> profiles)
    {
        Ledger = record.Ledger is { } stored ? ResultLedger.Restore(stored) : new ResultLedger(spec.ImageCount);
        Latencies = AnswerLatencies.Restore(record.Latencies, spec.ImageCount);
        Counters = record.Counters.Copy();
        Usage.Restore(record.Usage, profiles);
        Lost = [.. record.LostTasks];
        Taken = [.. record.Taken];
        Cuts = new CutTable(record.Cuts, record.CutChanges);
        _joins = [.. record.Joins];
    }

    /// <summary>Each image's result, once.</summary>
    public ResultLedger Ledger { get; }

    /// <summary>How long each image waited for its coarse and fine answers.</summary>
    public AnswerLatencies Latencies { get; }

    /// <summary>What the job counts as it runs.</summary>
    public JobCounters Counters { get; }

    /// <summary>What each device did for the job.</summary>
    public UsageMeter Usage { get; } = new();

    /// <summary>Tasks given up.</summary>
    public HashSet<int> Lost { get; }

    /// <summary>Where each untrusted device is cut now, and the cuts moved so far.</summary>
    public CutTable Cuts { get; }

    /// <summary>Devices that joined while the job ran, each with when it first got work once it has.</summary>
    public IReadOnlyList<DeviceJoin> Joins => [.. _joins.Select(j => j.FirstWorkUtc is null && Usage.FirstWork(j.DeviceId) is { } first ? j with { FirstWorkUtc = first } : j)];

    /// <summary>Notes <paramref name="join"/>.</summary>
    public void Joined(DeviceJoin join) => _joins.Add(join);

    /// <summary>Tasks taken in, by this activation or an earlier one.</summary>
    public HashSet<int> Taken { get; }

    /// <summary>The results of <paramref name="record"/>, for a job of <paramref name="spec"/> over <paramref name="profiles"/>.</summary>
    public static JobResults Restore(JobRecord record, JobSpec spec, IReadOnlyDictionary<string, DeviceProfile> profiles) => new(record, spec, profiles);

    /// <summary>Copies the results into <paramref name="record"/>, to be stored.</summary>
    public void CopyInto(JobRecord record)
    {
        record.Ledger = Ledger.Snapshot();
        record.Counters = Counters.Copy();
        record.Usage = [.. Usage.Snapshot()];
        record.Taken = [.. Taken];
        record.LostTasks = [.. Lost];
        record.Latencies = Latencies.Snapshot();
        record.Cuts = new(Cuts.Current);
        record.CutChanges = [.. Cuts.Changes];
        record.Joins = [.. Joins];
    }
}
