using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>Turns a manifest recipe into a graph.</summary>
public static class ModelArchitectures
{
    /// <summary>Architecture names a recipe may use.</summary>
    public static IReadOnlyList<string> Known { get; } = ["mobilenet-v1", "resnet", "wrn"];

    /// <summary>Builds the network of <paramref name="recipe"/> with <paramref name="classes"/> outputs.</summary>
    /// <exception cref="ModelManifestException">The recipe names an unknown architecture or impossible sizes.</exception>
    public static ModelProto Build(string modelId, ModelRecipe recipe, int classes)
    {
        try
        {
            return recipe.Architecture switch
            {
                "mobilenet-v1" => MobileNetV1Architecture.Build(classes, recipe.Width, recipe.Seed),
                "resnet" => ResNetArchitecture.Build(classes, recipe.Depth, (int)recipe.Width, recipe.Seed),
                "wrn" => WideResNetArchitecture.Build(classes, recipe.Depth, (int)recipe.Width, recipe.Seed),
                _ => throw new ModelManifestException(
                    $"model '{modelId}': build.architecture '{recipe.Architecture}' is unknown (known: {string.Join(", ", Known)})."),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ModelManifestException($"model '{modelId}': build recipe is invalid: {e.Message}");
        }
    }
}
