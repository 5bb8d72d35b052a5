namespace HeteroOrleans.Contracts.Devices;

/// <summary>How a device produces its answers and timings.</summary>
public enum ComputeMode
{
    /// <summary>Real inference with ONNX Runtime on this machine: real predictions, real timings.</summary>
    Onnx,

    /// <summary>
    /// A device of another machine: each batch takes the profile's milliseconds per image, and its predictions are
    /// those of the real model (computed once per image and cached), so accuracy stays real.
    /// </summary>
    Emulated,
}
