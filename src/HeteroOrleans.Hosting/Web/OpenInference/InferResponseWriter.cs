using HeteroOrleans.Inference.Cifar;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>A service reply as the protocol's response: one output tensor per field, one element per image.</summary>
public static class InferResponseWriter
{
    /// <summary>The outputs the model gives, with their element types.</summary>
    public static IReadOnlyList<TensorMetadata> Outputs { get; } =
    [
        new("coarse_label", "INT32", [-1]), new("coarse_class", "BYTES", [-1]), new("coarse_confidence", "FP32", [-1]),
        new("coarse_device", "BYTES", [-1]), new("fine_label", "INT32", [-1]), new("fine_class", "BYTES", [-1]),
        new("fine_confidence", "FP32", [-1]), new("fine_device", "BYTES", [-1]), new("fine_tier", "BYTES", [-1]),
        new("fine_in_time", "BOOL", [-1]), new("coarse_model", "BYTES", [-1]), new("fine_model", "BYTES", [-1]),
    ];

    /// <summary>The response to request <paramref name="id"/> answered by <paramref name="reply"/>.</summary>
    public static InferResponse Write(string model, string? id, ServeReply reply)
    {
        var images = reply.Images;

        // Typed arrays, not boxed elements: the serializer looks an element type up once per output, not per value.
        T[] Each<T>(Func<ServedImage, T> value) => [.. images.Select(value)];
        var columns = new Dictionary<string, object>
        {
            ["coarse_label"] = Each(i => i.CoarseLabel),
            ["coarse_class"] = Each(i => CifarLabels.CoarseName(i.CoarseLabel)),
            ["coarse_confidence"] = Each(i => i.CoarseConfidence),
            ["coarse_device"] = Each(i => i.CoarseDevice),
            ["fine_label"] = Each(i => i.FineLabel),
            ["fine_class"] = Each(i => CifarLabels.FineName(i.FineLabel)),
            ["fine_confidence"] = Each(i => i.FineInTime ? i.FineConfidence : (float?)null),
            ["fine_device"] = Each(i => i.FineDevice),
            ["fine_tier"] = Each(i => i.FineTier?.ToString().ToLowerInvariant()),
            ["fine_in_time"] = Each(i => i.FineInTime),
            ["coarse_model"] = Each(i => i.CoarseModel),
            ["fine_model"] = Each(i => i.FineModel),
        };
        return new InferResponse
        {
            ModelName = model,
            Id = id,
            Parameters = new Dictionary<string, object>
            {
                ["outcome"] = reply.Outcome == ServeOutcome.FineInTime ? "fine_in_time" : "coarse_at_deadline",
                ["latency_ms"] = Math.Round(reply.LatencyMs, 1),
            },
            Outputs = [.. Outputs.Select(o => new OutputTensor(o.Name, o.Datatype, [images.Count], columns[o.Name]))],
        };
    }
}
