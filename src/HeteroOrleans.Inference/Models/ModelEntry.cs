namespace HeteroOrleans.Inference.Models;

/// <summary>One model of the manifest.</summary>
/// <param name="Id">The id devices name in their profile.</param>
/// <param name="File">The ONNX file, relative to the manifest's folder.</param>
/// <param name="Labels">The label set the model predicts.</param>
/// <param name="Input">Input tensor name; shape <c>[N,3,32,32]</c> float of raw 0-255 pixels.</param>
/// <param name="Output">Output tensor name; shape <c>[N, classes]</c>.</param>
/// <param name="Build">How the project's builder makes the file when it is missing; null for a model brought by the user.</param>
/// <param name="Split">Tensor where the encryption head (the first convolution) ends. Default <c>conv1</c>.</param>
/// <param name="Features">Tensor of pooled features that the final classifier layer reads. Default <c>features</c>.</param>
/// <param name="Version">
/// Which version of model <paramref name="Id"/> the entry is; default 1. A model's first entry in the manifest is the
/// version devices run until a rollout switches them to another.
/// </param>
public sealed record ModelEntry(
    string Id,
    string File,
    LabelSet Labels,
    string Input,
    string Output,
    ModelRecipe? Build,
    string Split = OnnxGraphBuilder.FirstConvolutionName,
    string Features = OnnxGraphBuilder.FeaturesName,
    int Version = 1)
{
    /// <summary>Separates a model's id from its version in a reference: <c>resnet-10-w16@2</c>.</summary>
    public const char VersionSeparator = '@';

    /// <summary>The model and version, as answers record them: <c>id@version</c>.</summary>
    public string Reference => $"{Id}{VersionSeparator}{Version}";

    /// <summary>Number of classes the output must have.</summary>
    public int ClassCount => Labels == LabelSet.Coarse ? CifarLabels.CoarseClassCount : CifarLabels.FineClassCount;
}
