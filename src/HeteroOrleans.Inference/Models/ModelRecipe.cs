namespace HeteroOrleans.Inference.Models;

/// <summary>How the builder writes a model.</summary>
/// <param name="Architecture">Architecture name; <c>small-cnn</c> is the one known so far.</param>
/// <param name="Width">Channels after the first convolution.</param>
/// <param name="Seed">Seed of the deterministic weights.</param>
public sealed record ModelRecipe(string Architecture, int Width, int Seed);
