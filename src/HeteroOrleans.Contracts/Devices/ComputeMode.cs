namespace HeteroOrleans.Contracts.Devices;

/// <summary>How a device produces its answers and timings.</summary>
public enum ComputeMode
{
    /// <summary>Real inference with ONNX Runtime on this machine: real predictions, real timings.</summary>
    Onnx,
}
