namespace HeteroOrleans.Inference.Models;

/// <summary>Tensor names shared by the networks the builder writes.</summary>
public static class ArchitectureNames
{
    /// <summary>The input: <c>[N,3,32,32]</c> float, raw 0-255 pixels.</summary>
    public const string InputName = "input";

    /// <summary>The output: <c>[N, classes]</c> logits.</summary>
    public const string OutputName = "logits";
}
