namespace HeteroOrleans.Grains.Jobs;

/// <summary>A task's coarse stage: its pixels to an end device.</summary>
internal sealed class CoarseSender(StageCaller caller, PixelBatch batch) : IStageSender
{
    public Task<InferenceResult?> SendAsync(StageCopy copy, Func<bool> skip) => caller.ClassifyAsync(copy, copy.Target, batch, skip);
}
