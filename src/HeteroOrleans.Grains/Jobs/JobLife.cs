namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// A job's life as its grain keeps it: what it was asked, on which devices and plan, its state, when it started and how
/// long it took, how often it moved, and why it ended. With <see cref="JobResults"/>, all the stored record holds; the
/// record is made from these by a copy (<see cref="ToRecord"/>), never shared with them.
/// </summary>
internal sealed class JobLife
{
    public JobSpec? Spec { get; set; }

    public JobState State { get; set; } = JobState.Pending;

    public DateTime StartedUtc { get; set; }

    public double MakespanMs { get; set; }

    public List<DeviceProfile> Devices { get; set; } = [];

    public string Plan { get; set; } = string.Empty;

    public int Activations { get; set; }

    public string? EndReason { get; set; }

    public Dictionary<string, FeatureCut> Cuts { get; set; } = [];

    /// <summary>True once the job has ended (completed, failed or cancelled).</summary>
    public bool Ended => State is JobState.Completed or JobState.Failed or JobState.Cancelled;

    /// <summary>The life stored in <paramref name="record"/>.</summary>
    public static JobLife From(JobRecord record) => new()
    {
        Spec = record.Spec,
        State = record.State,
        StartedUtc = record.StartedUtc,
        MakespanMs = record.MakespanMs,
        Devices = [.. record.Devices],
        Plan = record.Plan,
        Activations = record.Activations,
        EndReason = record.EndReason,
        Cuts = new(record.Cuts),
    };

    /// <summary>A record of this life and <paramref name="results"/> (none yet: an empty one), to be stored.</summary>
    public JobRecord ToRecord(JobResults? results)
    {
        var record = new JobRecord
        {
            Spec = Spec,
            State = State,
            StartedUtc = StartedUtc,
            MakespanMs = MakespanMs,
            Devices = [.. Devices],
            Plan = Plan,
            Activations = Activations,
            EndReason = EndReason,
            Cuts = new(Cuts),
        };
        results?.CopyInto(record);
        return record;
    }
}
