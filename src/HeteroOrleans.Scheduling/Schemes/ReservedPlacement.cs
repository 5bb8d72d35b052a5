namespace HeteroOrleans.Scheduling;

/// <summary>A task under Adaptive: each stage is reserved on the device that would finish it first once one has room.</summary>
internal sealed class ReservedPlacement(AdaptivePlanner planner) : ITaskPlacement
{
    public async Task<StagePlace?> PlaceAsync(StageKind stage, int images, CancellationToken cancellation) =>
        await planner.ReserveAsync(stage, images, cancellation) is { } reservation ? new StagePlace(reservation.DeviceId, reservation) : null;

    public void Release(StagePlace place, bool answered)
    {
        if (place.Reservation is { } reservation)
        {
            planner.Release(reservation, answered);
        }
    }
}
