using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>An input or output tensor of the Open Inference Protocol (v2) over HTTP/JSON.</summary>
public sealed class InferTensor
{
    /// <summary>The tensor's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }

    /// <summary>Its shape.</summary>
    [JsonPropertyName("shape")] public long[]? Shape { get; set; }

    /// <summary>Its element type: BOOL, INT32, FP32, UINT8, BYTES …</summary>
    [JsonPropertyName("datatype")] public string? Datatype { get; set; }

    /// <summary>Its elements, row-major: numbers, booleans, or strings for BYTES (base64 for binary data).</summary>
    [JsonPropertyName("data")] public JsonElement Data { get; set; }
}
