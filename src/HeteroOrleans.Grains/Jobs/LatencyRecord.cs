namespace HeteroOrleans.Grains.Jobs;

/// <summary>Per image, ms from its task's submission to its coarse and its fine answer, as stored; NaN for none yet.</summary>
[GenerateSerializer]
public sealed class LatencyRecord
{
    [Id(0)] public float[] CoarseMs { get; set; } = [];

    [Id(1)] public float[] FineMs { get; set; } = [];
}
