using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>An Open Inference Protocol (v2) inference request.</summary>
public sealed class InferRequest
{
    /// <summary>The caller's id for the request, echoed in the response.</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }

    /// <summary>Request parameters: <c>deadline_ms</c> and <c>priority</c> (<c>normal</c> or <c>high</c>).</summary>
    [JsonPropertyName("parameters")] public Dictionary<string, JsonElement>? Parameters { get; set; }

    /// <summary>One input: <c>image</c> (BYTES, base64-encoded pictures) or <c>pixels</c> (UINT8 [N,32,32,3]).</summary>
    [JsonPropertyName("inputs")] public List<InferTensor>? Inputs { get; set; }
}
