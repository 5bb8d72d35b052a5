
namespace HeteroOrleans.Benchmarks;

/// <summary>One row of Table 1: a model's size, its times per image with 1 and 2 threads, accuracy, and the device grain's cost.</summary>
/// <param name="ModelId">The model.</param>
/// <param name="Labels">Coarse or fine.</param>
/// <param name="Parameters">Its parameter count; 0 when not measured.</param>
/// <param name="FileMegabytes">Its file's size.</param>
/// <param name="MsPerImage1Thread">ONNX Runtime with one intra-op thread, per image; null when not measured.</param>
/// <param name="MsPerImage2Threads">With two, per image; null when not measured.</param>
/// <param name="Accuracy">On the bench's test images; null when not measured.</param>
/// <param name="GrainOverRaw">Per batch, the time through a device grain over ONNX Runtime called directly.</param>
public sealed record ModelMeasurement(
    string ModelId, string Labels, long Parameters, double FileMegabytes, Sample? MsPerImage1Thread, Sample? MsPerImage2Threads, double? Accuracy,
    IReadOnlyDictionary<int, Sample> GrainOverRaw);
