using System.Text.Json.Serialization;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>A tensor's name, element type and shape (-1: any size) in model metadata.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Datatype">Its element type.</param>
/// <param name="Shape">Its shape.</param>
public sealed record TensorMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("shape")] long[] Shape);
