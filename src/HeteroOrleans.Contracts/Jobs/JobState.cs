namespace HeteroOrleans.Contracts.Jobs;

/// <summary>Life cycle of a job.</summary>
public enum JobState
{
    /// <summary>Created, not yet started.</summary>
    Pending,

    /// <summary>Accepting and processing tasks.</summary>
    Running,

    /// <summary>Every image has its result.</summary>
    Completed,

    /// <summary>Stopped before every image had its result.</summary>
    Cancelled,

    /// <summary>Every task was tried, and some images have no result (fault method None, or no device left).</summary>
    Failed,
}
