namespace HeteroOrleans.Inference.Models;

/// <summary>ONNX Runtime settings of a device's session.</summary>
/// <param name="IntraOpThreads">Threads one inference may use; 1 emulates a single-core device. Default 1.</param>
public sealed record SessionTuning(int IntraOpThreads = 1)
{
    /// <summary>One thread, full graph optimisation.</summary>
    public static SessionTuning Default { get; } = new();
}
