using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>Source-generated JSON for the protocol's bodies: no reflection on the request path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InferRequest))]
[JsonSerializable(typeof(InferResponse))]
[JsonSerializable(typeof(InferError))]
[JsonSerializable(typeof(ModelMetadata))]
[JsonSerializable(typeof(ModelIndex))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(float))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(float[]))]
[JsonSerializable(typeof(float?[]))]
[JsonSerializable(typeof(bool[]))]
[JsonSerializable(typeof(string[]))]
public sealed partial class OpenInferenceJson : JsonSerializerContext
{
    /// <summary>
    /// The context the endpoints write with: quotes and apostrophes in messages and class names left as they are
    /// (HTML-safe escaping is for pages, and these bodies are JSON only).
    /// </summary>
    public static OpenInferenceJson Relaxed { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
