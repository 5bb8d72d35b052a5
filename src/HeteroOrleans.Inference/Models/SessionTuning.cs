using Microsoft.ML.OnnxRuntime;

namespace HeteroOrleans.Inference.Models;

/// <summary>ONNX Runtime settings of a device's session.</summary>
/// <param name="IntraOpThreads">Threads one inference may use; 1 emulates a single-core device. Default 1.</param>
/// <param name="Optimization">Graph optimisation level. Default all (constant folding, batch-norm fusion, layout changes).</param>
/// <param name="MemoryArena">Whether ONNX Runtime keeps a memory arena between runs. Default true: faster, holds memory.</param>
public sealed record SessionTuning(
    int IntraOpThreads = 1,
    GraphOptimizationLevel Optimization = GraphOptimizationLevel.ORT_ENABLE_ALL,
    bool MemoryArena = true)
{
    /// <summary>One thread, full graph optimisation, memory arena on.</summary>
    public static SessionTuning Default { get; } = new();

    /// <summary>Session options for these settings; the caller disposes them.</summary>
    public SessionOptions CreateOptions() => new()
    {
        GraphOptimizationLevel = Optimization,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        IntraOpNumThreads = IntraOpThreads,
        InterOpNumThreads = 1,
        EnableCpuMemArena = MemoryArena,
    };
}
