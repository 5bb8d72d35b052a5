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
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod?.Name;
        if (method is not (nameof(IComputeDeviceGrain.EncryptAsync) or nameof(IComputeDeviceGrain.ClassifyFeaturesAsync))
            || setup.FindDevice(context.TargetId.Key.ToString()) is not { } device)
        {
            await context.Invoke();
            return;
        }

        var task = context.Request.GetArgument(0) switch
        {
            PixelBatch pixels => pixels.TaskIndex,
            FeatureBatch features => features.TaskIndex,
            _ => -1,
        };
        var arrived = Stopwatch.GetTimestamp();
        await context.Invoke();
        Calls.Enqueue(new DeviceCall(device.Id, method, task, arrived, Stopwatch.GetTimestamp()));
    }
}
