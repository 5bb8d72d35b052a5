namespace HeteroOrleans.Grains.Serving;

/// <summary>How a silo's inference service serves requests (<c>Silo:Serving</c>).</summary>
public sealed class ServingOptions
{
    /// <summary>The scheme requests run by. Default Adaptive.</summary>
    public SchedulingScheme Scheme { get; set; } = SchedulingScheme.Adaptive;

    /// <summary>How failing devices are handled. Default Monitor (Reassign's second pass needs a job's end).</summary>
    public FaultMethod Faults { get; set; } = FaultMethod.Monitor;

    /// <summary>Where a raw image may go: as for jobs. Default EncryptAtEnd.</summary>
    public PrivacyMode Privacy { get; set; } = PrivacyMode.EncryptAtEnd;

    /// <summary>
    /// Requests admitted and not yet answered, at the most, whatever the admission limit (which follows how fast batches
    /// come back) allows; beyond it requests are refused. Default 4096.
    /// </summary>
    public int MaxInFlight { get; set; } = 4096;

    /// <summary>
    /// Images one batch of requests carries at the most (one link call, one ONNX Runtime run). Requests go at once while
    /// a device has room; only while none has do they queue and go together. Default 64.
    /// </summary>
    public int MaxBatch { get; set; } = 64;

    /// <summary>
    /// How long a request waits at most for others to join its batch while a device has room: a few milliseconds on a
    /// pass of hundreds, for batches that save a link call and a model run per request under load. Default 4 ms.
    /// </summary>
    public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.FromMilliseconds(4);

    /// <summary>The share of <see cref="MaxInFlight"/> only high-priority requests may take. Default 0.1.</summary>
    public double HighPriorityShare { get; set; } = 0.1;

    /// <summary>A device that has not answered its stage by this, past its expected time, is suspected. Default 500 ms.</summary>
    public TimeSpan Timeout { get; set; } = JobSpec.DefaultTimeout;

    /// <summary>How often the service looks for devices that joined or left, to plan over them. Default 10 s.</summary>
    public TimeSpan ReplanInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The job spec the service's requests run under: a job without an image count.</summary>
    public JobSpec ToSpec() => new(Scheme, BatchSize: MaxBatch, DataDescription: "inference service", Faults: Faults, Privacy: Privacy)
    {
        Timeout = Timeout,
    };
}
