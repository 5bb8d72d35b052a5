using System.Text.Json.Serialization;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>The protocol's error body: what is wrong, naming the field at fault.</summary>
/// <param name="Error">The message.</param>
public sealed record InferError([property: JsonPropertyName("error")] string Error);
