namespace HeteroOrleans.Grains.Jobs;

/// <summary>Sends one copy of a stage to the copy's target: raw pixels for the coarse stage, the fine stage as the job's privacy allows.</summary>
internal interface IStageSender
{
    /// <summary>The copy's answer; null when a device on the way failed, or the copy was cancelled or skipped (<paramref name="skip"/>: its target was suspected while it waited).</summary>
    Task<InferenceResult?> SendAsync(StageCopy copy, Func<bool> skip);
}
