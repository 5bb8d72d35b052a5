namespace HeteroOrleans.Inference.Models;

/// <summary>How a freshly built model's classifier is fitted when no user data is given.</summary>
/// <param name="SyntheticImages">Images of the learnable synthetic training set (seeded, so every build is identical).</param>
/// <param name="Ridge">Ridge strength, relative to the mean feature variance. Default 0.1.</param>
public sealed record FitRecipe(int SyntheticImages, double Ridge = 0.1);
