using Microsoft.ML.OnnxRuntime;

namespace HeteroOrleans.Grains.Devices;

/// <summary>Turns what a device profile asks of ONNX Runtime into session settings.</summary>
public static class DeviceTuning
{
    /// <summary>The session settings of <paramref name="profile"/>.</summary>
    public static SessionTuning For(DeviceProfile profile) => new(
        profile.IntraOpThreads,
        profile.Optimization switch
        {
            GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
            GraphOptimization.Disabled => GraphOptimizationLevel.ORT_DISABLE_ALL,
            _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
        },
        profile.MemoryArena);
}
