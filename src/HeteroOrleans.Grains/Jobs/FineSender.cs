namespace HeteroOrleans.Grains.Jobs;

/// <summary>A task's fine stage, through its encryption head where the target is untrusted.</summary>
internal sealed class FineSender(PrivacyRouter privacy, PixelBatch batch, string endDevice) : IStageSender
{
    public Task<InferenceResult?> SendAsync(StageCopy copy, Func<bool> skip) => privacy.FineAsync(copy, batch, endDevice, skip);
}
