namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// A job as kept in grain storage: enough for an activation on another silo to continue where the last one stopped.
/// No pixels: tasks in flight when a job's silo died are submitted again by the client.
/// </summary>
[GenerateSerializer]
public sealed class JobRecord
{
    [Id(0)] public JobSpec? Spec { get; set; }

    [Id(1)] public JobState State { get; set; } = JobState.Pending;

    [Id(2)] public DateTime StartedUtc { get; set; }

    /// <summary>Set when the job ends.</summary>
    [Id(3)] public double MakespanMs { get; set; }

    /// <summary>The devices the job chose, with its link overrides applied.</summary>
    [Id(4)] public List<DeviceProfile> Devices { get; set; } = [];

    [Id(5)] public string Plan { get; set; } = string.Empty;

    [Id(6)] public LedgerRecord? Ledger { get; set; }

    [Id(7)] public JobCounters Counters { get; set; } = new();

    [Id(8)] public List<DeviceUsage> Usage { get; set; } = [];

    [Id(9)] public int Activations { get; set; }

    /// <summary>Tasks given up.</summary>
    [Id(10)] public List<int> LostTasks { get; set; } = [];

    /// <summary>Why the job ended without every result, in words; null otherwise.</summary>
    [Id(11)] public string? EndReason { get; set; }

    /// <summary>Tasks some activation took in: taken again by a later one, their work was redone.</summary>
    [Id(12)] public List<int> Taken { get; set; } = [];

    /// <summary>Where each untrusted fine-stage device's model is cut now: decided when the job started, moved as links change, kept by later activations.</summary>
    [Id(13)] public Dictionary<string, FeatureCut> Cuts { get; set; } = [];

    /// <summary>How long each image waited for its answers; null for a job stored before waits were kept.</summary>
    [Id(14)] public LatencyRecord? Latencies { get; set; }

    /// <summary>Cuts moved while the job ran (<see cref="Cuts"/> holds the latest), oldest first.</summary>
    [Id(15)] public List<CutChange> CutChanges { get; set; } = [];

    /// <summary>Devices that joined while the job ran and were added to its plan (<see cref="Devices"/> holds them too), oldest first.</summary>
    [Id(16)] public List<DeviceJoin> Joins { get; set; } = [];
}
