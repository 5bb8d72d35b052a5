namespace HeteroOrleans.Contracts.Jobs;

/// <summary>
/// What a job is asked to do: the one place each job setting and its default live. The CLI reads its options into
/// it, benchmarks and tests build it with named arguments, and a client fills in the data with
/// <c>Covering(data)</c> before the job starts.
/// </summary>
/// <param name="Scheme">How fine-stage tasks are assigned. Default End-Edge.</param>
/// <param name="BatchSize">Images per task. Default 50, as in the paper.</param>
/// <param name="ImageCount">Images the client will send; the job is complete when each has one result.</param>
/// <param name="DataDescription">Where the images come from, for the report.</param>
/// <param name="Devices">How many devices of each tier to use; null: all available.</param>
/// <param name="Latency">Link latencies that replace the profiles' for this job; null: the profiles'.</param>
/// <param name="Faults">How the job survives failing devices. Default <see cref="FaultMethod.Monitor"/>.</param>
/// <param name="MaxTasksInFlight">Tasks the job runs at once; further submissions wait (back-pressure). Default 32.</param>
/// <param name="Privacy">What may travel to untrusted devices. Default <see cref="PrivacyMode.EncryptAtEnd"/>.</param>
/// <param name="FeaturePrecision">How encryption-head outputs travel. Default fp32.</param>
/// <param name="Escalate">Which images go on to the fine stage. Default all of them, as in the paper.</param>
/// <param name="EscalationThreshold">
/// With <see cref="Escalation.Uncertain"/>, an image goes to the fine stage when the end model's confidence in its
/// coarse answer (softmax probability of the predicted class) is below this; 1 sends every image on. Default 0.8.
/// </param>
/// <param name="Split">
/// Where the model of each untrusted fine-stage device is cut for encryption: <see cref="AutoSplit"/> (per device, the
/// legal cut with the least expected task time over its link), <see cref="ManifestSplit"/> (each model's manifest
/// split), or a tensor every such model can be cut at. Default auto.
/// </param>
[GenerateSerializer, Immutable]
public sealed record JobSpec(
    [property: Id(0)] SchedulingScheme Scheme = SchedulingScheme.EndEdge,
    [property: Id(1)] int BatchSize = JobSpec.DefaultBatchSize,
    [property: Id(2)] int ImageCount = 0,
    [property: Id(3)] string DataDescription = "",
    [property: Id(4)] DeviceLimits? Devices = null,
    [property: Id(5)] LatencyOverrides? Latency = null,
    [property: Id(6)] FaultMethod Faults = FaultMethod.Monitor,
    [property: Id(8)] int MaxTasksInFlight = JobSpec.DefaultMaxTasksInFlight,
    [property: Id(9)] PrivacyMode Privacy = PrivacyMode.EncryptAtEnd,
    [property: Id(10)] FeaturePrecision FeaturePrecision = FeaturePrecision.Fp32,
    [property: Id(12)] Escalation Escalate = Escalation.All,
    [property: Id(13)] double EscalationThreshold = JobSpec.DefaultEscalationThreshold,
    [property: Id(14)] string Split = JobSpec.AutoSplit)
{
    /// <summary>The <see cref="Split"/> that picks each untrusted device's cut from its link and the devices' speeds.</summary>
    public const string AutoSplit = "auto";

    /// <summary>The <see cref="Split"/> that cuts each model where its manifest entry says.</summary>
    public const string ManifestSplit = "manifest";

    /// <summary>The default <see cref="EscalationThreshold"/>.</summary>
    public const double DefaultEscalationThreshold = 0.8;

    /// <summary>The default <see cref="Deadline"/>: 10 minutes.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(10);

    /// <summary>The default <see cref="Timeout"/>: the paper's 0.5 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>The default <see cref="BatchSize"/>: the paper's 50 images.</summary>
    public const int DefaultBatchSize = 50;

    /// <summary>The default <see cref="MaxTasksInFlight"/>: enough to keep 13 devices busy with a task queued behind each.</summary>
    public const int DefaultMaxTasksInFlight = 32;

    /// <summary>
    /// The communication time-out: a device's time-out for a task is what the job has observed of it (smoothed time per
    /// image plus four deviations, counted from when the device starts the task) plus this. Default 500 ms, as in the paper.
    /// </summary>
    [Id(7)]
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>How long the job may wait for devices, from its start; past it the job ends Failed, naming the missing images. Default 10 min.</summary>
    [Id(11)]
    public TimeSpan Deadline { get; init; } = DefaultDeadline;

    /// <summary>With <see cref="Escalation.Budget"/>, the share of images to send to the fine stage, from 0 to 1. Default 0.25.</summary>
    [Id(15)]
    public double EscalationBudget { get; init; } = DefaultEscalationBudget;

    /// <summary>The default <see cref="EscalationBudget"/>.</summary>
    public const double DefaultEscalationBudget = 0.25;

    /// <summary>Number of tasks the job is cut into.</summary>
    public int TaskCount => (ImageCount + BatchSize - 1) / BatchSize;
}
