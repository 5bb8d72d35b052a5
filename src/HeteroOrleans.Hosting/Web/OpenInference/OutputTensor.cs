using System.Text.Json.Serialization;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>An output tensor of one dimension, one element per image.</summary>
/// <param name="Name">The output's name.</param>
/// <param name="Datatype">Its element type.</param>
/// <param name="Shape">[images].</param>
/// <param name="Data">Its elements: an array of the element type.</param>
public sealed record OutputTensor(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("shape")] long[] Shape,
    [property: JsonPropertyName("data")] object Data);
