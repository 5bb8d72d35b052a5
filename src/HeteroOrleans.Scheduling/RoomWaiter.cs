namespace HeteroOrleans.Scheduling;

/// <summary>A stage waiting for room on a device of its stage; completes with its reservation, or null when cancelled.</summary>
internal sealed class RoomWaiter(int images) : TaskCompletionSource<Reservation?>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    /// <summary>Images of the stage.</summary>
    public int Images { get; } = images;

    /// <summary>Ends the wait when the stage's deadline comes first.</summary>
    public CancellationTokenRegistration Cancellation { get; set; }
}
