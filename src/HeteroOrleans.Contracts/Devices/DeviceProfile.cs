namespace HeteroOrleans.Contracts.Devices;

/// <summary>Everything the cluster knows about one computing node.</summary>
/// <param name="Id">Device id, also the key of its grain (for example <c>end-03</c>).</param>
/// <param name="Tier">The tier the device belongs to; its grain only activates on silos of that tier.</param>
/// <param name="ModelId">Id of the model (in the model manifest) the device runs.</param>
/// <param name="Trusted">Whether raw pixels may be sent to this device.</param>
/// <param name="Link">The emulated link from the task assigner to this device.</param>
/// <param name="ComputeMode">How the device computes.</param>
/// <param name="IntraOpThreads">ONNX Runtime intra-op threads for this device's inference.</param>
/// <param name="Optimization">ONNX Runtime graph optimisation level for this device's session.</param>
/// <param name="MemoryArena">Whether the device's session keeps ONNX Runtime's memory arena between runs.</param>
/// <param name="MsPerImage">Inference time per image: what an emulated device takes, and what planners expect of any device; 0 when unknown.</param>
/// <param name="FailAfterTasks">Fault injection: the device stops answering after this many tasks; 0 never.</param>
/// <param name="MsPerBatch">
/// What an emulated device takes per batch besides its time per image (a run's fixed cost: setting up, launching the
/// graph), so that batching pays in emulation as it does on real devices; 0 by default.
/// </param>
/// <param name="Machine">
/// The machine whose cores the device computes on: devices that name the same machine share its cores, so work one of
/// them takes is work the others cannot do. Empty when unknown; not read for an emulated device, whose time is its own.
/// </param>
/// <param name="MaxBatch">
/// The most images the device runs as one batch when work from several callers waits at it (a single call larger than
/// this still runs whole); default 64.
/// </param>
/// <param name="MaxQueueDelayMs">
/// How long work that comes to an idle device may wait for more to join its batch; default 0: it waits for no one, and
/// batches form only from work that queues while the device is busy.
/// </param>
[GenerateSerializer, Immutable]
public sealed record DeviceProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] Tier Tier,
    [property: Id(2)] string ModelId,
    [property: Id(3)] bool Trusted,
    [property: Id(4)] LinkProfile Link,
    [property: Id(5)] ComputeMode ComputeMode,
    [property: Id(6)] int IntraOpThreads,
    [property: Id(7)] GraphOptimization Optimization = GraphOptimization.All,
    [property: Id(8)] bool MemoryArena = true,
    [property: Id(9)] double MsPerImage = 0,
    [property: Id(10)] int FailAfterTasks = 0,
    [property: Id(11)] double MsPerBatch = 0,
    [property: Id(12)] string Machine = "",
    [property: Id(13)] int MaxBatch = DeviceProfile.DefaultMaxBatch,
    [property: Id(14)] double MaxQueueDelayMs = 0)
{
    /// <summary>
    /// The default of <see cref="MaxBatch"/>: past it a batch of this system's models runs under 1 % faster per image on a
    /// CPU (a run's fixed cost is 0.14-0.19 ms against 0.27-0.82 ms per image, <c>hetero bench calibrate</c>), while every
    /// answer in it waits for the whole run, and two of a job's tasks of 50, queued so that the device never idles between
    /// them, would run as one and leave it idle while the next two come.
    /// </summary>
    public const int DefaultMaxBatch = 64;
}
