namespace HeteroOrleans.Grains.Models;

/// <summary>The judgement of a canary: roll the candidate out, or back, and why.</summary>
/// <param name="RollOut">True to give the candidate every image, false to go back to the active version.</param>
/// <param name="Reason">What the canary measured, in words.</param>
public sealed record CanaryVerdict(bool RollOut, string Reason);
