using System.Collections.Concurrent;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// Sees every call that reaches a device grain on a test silo and notes what an untrusted device received:
/// raw pixel batches or encrypted features.
/// </summary>
public sealed class RawPixelInterceptor(HeteroSiloSetup setup) : IIncomingGrainCallFilter
{
    /// <summary>Per untrusted device id: (raw pixel batches, feature batches) received.</summary>
    public static ConcurrentDictionary<string, (int Raw, int Features)> Untrusted { get; } = new();

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (setup.FindDevice(context.TargetId.Key.ToString()) is { Trusted: false } device)
        {
            for (var i = 0; i < context.Request.GetArgumentCount(); i++)
            {
                switch (context.Request.GetArgument(i))
                {
                    case PixelBatch:
                        Untrusted.AddOrUpdate(device.Id, (1, 0), (_, c) => (c.Raw + 1, c.Features));
                        break;
                    case FeatureBatch:
                        Untrusted.AddOrUpdate(device.Id, (0, 1), (_, c) => (c.Raw, c.Features + 1));
                        break;
                }
            }
        }

        return context.Invoke();
    }
}
