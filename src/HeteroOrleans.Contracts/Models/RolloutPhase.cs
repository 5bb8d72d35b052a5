namespace HeteroOrleans.Contracts.Models;

/// <summary>Where a model's rollout on a tier stands.</summary>
public enum RolloutPhase
{
    /// <summary>No rollout has run: the devices run the manifest's default version.</summary>
    None,

    /// <summary>A share of the images goes to the candidate, whose answers are compared with the active version's.</summary>
    Canary,

    /// <summary>The candidate passed and answers every image.</summary>
    RolledOut,

    /// <summary>The candidate was worse (or the rollout was aborted): the devices went back to the version before.</summary>
    RolledBack,
}
