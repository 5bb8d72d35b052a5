namespace HeteroOrleans.Grains.Devices;

/// <summary>One caller's share of a batch a device ran.</summary>
/// <param name="Value">The caller's images' answers.</param>
/// <param name="QueueMs">How long the caller's work waited at the device before its batch started.</param>
/// <param name="RunMs">The caller's share of the batch's run: the run's time in proportion to its images.</param>
/// <param name="BatchImages">Images in the batch the work ran in, every caller's together.</param>
/// <param name="BatchRunMs">The whole batch's run.</param>
/// <param name="First">Whether the work was the first of its batch: the one that counts the batch, once.</param>
internal readonly record struct BatchShare(Classification Value, double QueueMs, double RunMs, int BatchImages, double BatchRunMs, bool First);
