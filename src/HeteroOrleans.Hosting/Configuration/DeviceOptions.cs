namespace HeteroOrleans.Hosting.Configuration;

/// <summary>One entry of <c>Silo:Devices</c>: a device this silo hosts.</summary>
public sealed class DeviceOptions
{
    /// <summary>Device id, also the key of its grain (for example <c>end-03</c>). Required, unique.</summary>
    public string? Id { get; set; }

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

    /// <summary>Fault injection: the device stops answering after this many tasks. Default 0, never.</summary>
    public int FailAfterTasks { get; set; }

    /// <summary>The profile the cluster knows the device by; call on validated options only.</summary>
    public DeviceProfile ToProfile() => new(
        Id!, Tier!.Value, Model!, Trusted ?? Tier != Contracts.Tier.Cloud, new LinkProfile(Link.LatencyMs, Link.BandwidthMbps),
        ComputeMode, IntraOpThreads, GraphOptimization, MemoryArena, MsPerImage, FailAfterTasks);
}
