namespace HeteroOrleans.Scheduling;

/// <summary>A stage of <paramref name="Images"/> images that the Adaptive scheme gave to a device, and when it expects the answer.</summary>
/// <param name="DeviceId">The device chosen.</param>
/// <param name="Images">Images of the stage.</param>
/// <param name="DueMs">When the answer is expected, on the planner's clock.</param>
public readonly record struct Reservation(string DeviceId, int Images, double DueMs);
