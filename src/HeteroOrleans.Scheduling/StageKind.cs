namespace HeteroOrleans.Scheduling;

/// <summary>The two stages of a task, each with its own pool of devices under the Adaptive scheme.</summary>
public enum StageKind
{
    /// <summary>The coarse stage: end devices.</summary>
    Coarse,

    /// <summary>The fine stage: any edge or cloud.</summary>
    Fine,
}
