namespace HeteroOrleans.Inference.Models;

/// <summary>How the builder writes a model.</summary>
/// <param name="Architecture"><c>mobilenet-v1</c>, <c>resnet</c> or <c>wrn</c>.</param>
/// <param name="Depth">ResNet: 10, 18 or 34. WRN: 6n+4 (28 for WRN-28-10). Ignored by MobileNet.</param>
/// <param name="Width">MobileNet: width multiplier α. ResNet: channels of the first stage. WRN: widening factor k.</param>
/// <param name="Seed">Seed of the deterministic He-initialised weights.</param>
/// <param name="Fit">When given, the classifier layer is fitted right after the build.</param>
public sealed record ModelRecipe(string Architecture, int Depth, double Width, int Seed, FitRecipe? Fit = null);
