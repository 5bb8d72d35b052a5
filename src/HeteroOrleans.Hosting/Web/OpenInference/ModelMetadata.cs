using System.Text.Json.Serialization;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>The protocol's model metadata.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Versions">Its versions.</param>
/// <param name="Platform">What serves it.</param>
/// <param name="Inputs">The inputs it takes (one of them per request).</param>
/// <param name="Outputs">The outputs it gives.</param>
public sealed record ModelMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("versions")] string[] Versions,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("inputs")] TensorMetadata[] Inputs,
    [property: JsonPropertyName("outputs")] TensorMetadata[] Outputs);
