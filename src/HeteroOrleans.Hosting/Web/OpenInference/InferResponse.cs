using System.Text.Json.Serialization;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>An Open Inference Protocol (v2) inference response.</summary>
public sealed class InferResponse
{
    /// <summary>The model that answered.</summary>
    [JsonPropertyName("model_name")] public required string ModelName { get; init; }

    /// <summary>The request's id, when it gave one.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>How the request ended (<c>fine_in_time</c>, <c>coarse_at_deadline</c>) and its latency in ms.</summary>
    [JsonPropertyName("parameters")] public required Dictionary<string, object> Parameters { get; init; }

    /// <summary>Per image: the coarse and fine label, class name, confidence, device and model version, the fine tier and <c>fine_in_time</c>.</summary>
    [JsonPropertyName("outputs")] public required List<OutputTensor> Outputs { get; init; }
}
