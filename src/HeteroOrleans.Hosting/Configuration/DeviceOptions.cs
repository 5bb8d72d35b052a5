using System.Globalization;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>One entry of <c>Silo:Devices</c>: a device this silo hosts.</summary>
public sealed class DeviceOptions
{
    /// <summary>
    /// Device id, also the key of its grain (for example <c>end-03</c>). Required, unique. With <see cref="Count"/>
    /// above 1, a pattern with <c>{0}</c> for each device's number, 1 to Count (for example <c>end-{0:D5}</c>); a
    /// pattern with Count 1 is numbered 1 too.
    /// </summary>
    public string? Id { get; set; }

    /// <summary>How many devices this entry stands for, all alike but for their id. Default 1.</summary>
    public int Count { get; set; } = 1;

    /// <summary>The device's tier. Required.</summary>
    public Tier? Tier { get; set; }

    /// <summary>Id of the model in <c>models.json</c> the device runs. Required.</summary>
    public string? Model { get; set; }

    /// <summary>Whether raw pixels may reach the device. Default: true, except for the cloud.</summary>
    public bool? Trusted { get; set; }

    /// <summary>The emulated link from the task assigner. Default: none (local).</summary>
    public LinkOptions Link { get; set; } = new();

    /// <summary>How the device computes. Default <see cref="ComputeMode.Onnx"/>.</summary>
    public ComputeMode ComputeMode { get; set; } = ComputeMode.Onnx;

    /// <summary>Threads one inference may use; 1 emulates a single-core device. Default 1.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>ONNX Runtime graph optimisation. Default all.</summary>
    public GraphOptimization GraphOptimization { get; set; } = GraphOptimization.All;

    /// <summary>Whether the session keeps ONNX Runtime's memory arena between runs. Default true.</summary>
    public bool MemoryArena { get; set; } = true;

    /// <summary>Inference time per image: what an emulated device takes (required then), and what planners expect. Default 0 (unknown).</summary>
    public double MsPerImage { get; set; }

    /// <summary>What an emulated device takes per batch besides its time per image. Default 0.</summary>
    public double MsPerBatch { get; set; }

    /// <summary>
    /// The most images the device runs as one ONNX Runtime batch when work from several callers waits at it (one call
    /// larger than this still runs whole). Default 64.
    /// </summary>
    public int MaxBatch { get; set; } = DeviceProfile.DefaultMaxBatch;

    /// <summary>
    /// How long work that comes to an idle device may wait for more to join its batch, in milliseconds. Default 0: work
    /// waits for no one, and batches form from what queues while the device is busy.
    /// </summary>
    public double MaxQueueDelayMs { get; set; }

    /// <summary>Fault injection: the device stops answering after this many tasks. Default 0, never.</summary>
    public int FailAfterTasks { get; set; }

    /// <summary>The ids of the devices this entry stands for; call on validated options only.</summary>
    /// <exception cref="FormatException">The id pattern is not a valid format string.</exception>
    public IEnumerable<string> Ids() => Count <= 1 && !Id!.Contains("{0", StringComparison.Ordinal)
        ? [Id!]
        : Enumerable.Range(1, Count).Select(n => string.Format(CultureInfo.InvariantCulture, Id!, n));

    /// <summary>The profiles the cluster knows these devices by; call on validated options only.</summary>
    public IEnumerable<DeviceProfile> ToProfiles() => Ids().Select(ToProfile);

    private DeviceProfile ToProfile(string id) => new(
        id, Tier!.Value, Model!, Trusted ?? Tier != Contracts.Tier.Cloud, new LinkProfile(Link.LatencyMs, Link.BandwidthMbps),
        ComputeMode, IntraOpThreads, GraphOptimization, MemoryArena, MsPerImage, FailAfterTasks, MsPerBatch,
        Environment.MachineName, MaxBatch, MaxQueueDelayMs);
}
