namespace HeteroOrleans.Scheduling;

/// <summary>A task whose devices were chosen together when it started: each stage takes its device at once.</summary>
internal sealed class FixedPlacement(TaskAssignment assignment) : ITaskPlacement
{
    public Task<StagePlace?> PlaceAsync(StageKind stage, int images, CancellationToken cancellation) =>
        Task.FromResult(stage == StageKind.Coarse ? new StagePlace(assignment.CoarseDevice)
            : assignment.FineDevice is { } fine ? new StagePlace(fine) : (StagePlace?)null);

    public void Release(StagePlace place, bool answered)
    {
    }
}
