namespace HeteroOrleans.Grains.Models;

/// <summary>A model's rollout on a tier as stored: the plan the devices run survives the silo that held the rollout.</summary>
[GenerateSerializer]
public sealed class RolloutRecord
{
    [Id(0)] public RolloutPhase Phase { get; set; }

    [Id(1)] public ModelPlan? Plan { get; set; }

    [Id(2)] public RolloutSpec? Spec { get; set; }

    [Id(3)] public CanaryTally Compared { get; set; } = new();

    [Id(4)] public string? Reason { get; set; }

    [Id(5)] public DateTime? DecidedAtUtc { get; set; }

    [Id(6)] public int Devices { get; set; }
}
