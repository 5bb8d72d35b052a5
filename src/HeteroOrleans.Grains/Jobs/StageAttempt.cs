namespace HeteroOrleans.Grains.Jobs;

/// <summary>The outcome of sending one stage to one device.</summary>
/// <param name="Result">The device's answer; null when it failed, stayed silent, or the task was not sent.</param>
/// <param name="Skipped">The task was not sent, because the device failed while the task waited for it.</param>
internal readonly record struct StageAttempt(InferenceResult? Result, bool Skipped);
