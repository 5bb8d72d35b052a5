using System.Collections.Concurrent;
using System.Diagnostics;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// Notes when each encryption head and each tail reaches its device on a test silo, and when it returns: what
/// tests read to see the work of a job's tasks overlap.
/// </summary>
public sealed class DeviceCallLog(HeteroSiloSetup setup) : IIncomingGrainCallFilter
{
    /// <summary>The calls seen, in the order they returned.</summary>
    public static ConcurrentQueue<DeviceCall> Calls { get; } = new();

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        // Every other call goes straight through, without a state machine of this filter's in its way.
        var method = context.InterfaceMethod?.Name;
        return method is nameof(IComputeDeviceGrain.EncryptAsync) or nameof(IComputeDeviceGrain.ClassifyFeaturesAsync)
            && setup.FindDevice(context.TargetId.Key.ToString()) is { } device
                ? LogAsync(context, device.Id, method)
                : context.Invoke();
    }

    private static async Task LogAsync(IIncomingGrainCallContext context, string deviceId, string method)
    {
        var (task, cut) = context.Request.GetArgument(0) switch
        {
            PixelBatch pixels => (pixels.TaskIndex, null),
            FeatureBatch features => (features.TaskIndex, features.Cut.Tensor),
            _ => (-1, null),
        };
        var arrived = Stopwatch.GetTimestamp();
        await context.Invoke();
        Calls.Enqueue(new DeviceCall(deviceId, method, task, cut, arrived, Stopwatch.GetTimestamp()));
    }
}
