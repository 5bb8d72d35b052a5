using System.Text.Json.Serialization;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>The models a server offers (<c>GET /v2/models</c>).</summary>
/// <param name="Models">Each model's metadata.</param>
public sealed record ModelIndex([property: JsonPropertyName("models")] ModelMetadata[] Models);
