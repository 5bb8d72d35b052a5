namespace HeteroOrleans.Scheduling;

/// <summary>Where one task goes: the end device for its coarse stage and, if any, the device for its fine stage.</summary>
/// <param name="CoarseDevice">Id of the end device that runs the coarse stage.</param>
/// <param name="FineDevice">Id of the edge or cloud device that runs the fine stage; null when there is none.</param>
public readonly record struct TaskAssignment(string CoarseDevice, string? FineDevice);
