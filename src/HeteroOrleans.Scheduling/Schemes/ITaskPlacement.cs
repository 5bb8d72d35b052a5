namespace HeteroOrleans.Scheduling;

/// <summary>
/// Where one task's stages run, as its scheme decides: chosen together when the task starts (the paper's schemes), or
/// each reserved when a device of its role has room for it (Adaptive).
/// </summary>
public interface ITaskPlacement
{
    /// <summary>
    /// The device for <paramref name="stage"/> of <paramref name="images"/>: at once, or once one has room; null when
    /// <paramref name="cancellation"/> comes first, or the scheme has no such stage.
    /// </summary>
    Task<StagePlace?> PlaceAsync(StageKind stage, int images, CancellationToken cancellation);

    /// <summary>The stage placed at <paramref name="place"/> ended; <paramref name="answered"/>: its own device answered it.</summary>
    void Release(StagePlace place, bool answered);
}
