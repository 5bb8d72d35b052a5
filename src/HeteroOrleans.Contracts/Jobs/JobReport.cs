
namespace HeteroOrleans.Contracts.Jobs;

/// <summary>The outcome of a job.</summary>
/// <param name="ImagesRecorded">Images with exactly one recorded result.</param>
/// <param name="DuplicateResults">Results that arrived for an image that already had one (and were ignored).</param>
/// <param name="MissingImageIds">Images without a result (at most the first 100 are listed).</param>
/// <param name="FineAccuracy">Fine accuracy over images with a fine result; null when the scheme has no fine stage.</param>
/// <param name="MakespanMs">From the job's start to its last result.</param>
/// <param name="Plan">How the scheme placed the tasks (for Mapping: N_map and the mapping).</param>
/// <param name="Timeouts">Stages that passed their time-out (hedged under Monitor, failed otherwise).</param>
/// <param name="Retries">Stages run again on another device after a failure.</param>
/// <param name="LostTasks">Tasks given up (fault method None or Reassign; Monitor only past the job's deadline).</param>
/// <param name="RawBatchesToUntrusted">Batches of raw pixels sent to untrusted devices (only with privacy Off).</param>
/// <param name="EncryptedBatches">Batches sent to untrusted devices as encryption-head output.</param>
/// <param name="LinkBytes">Payload bytes sent to devices (pixels and features), links both ways excluded.</param>
/// <param name="Hedges">Backup copies sent for stages that passed their time-out.</param>
/// <param name="HedgesWon">Backup copies that answered first.</param>
/// <param name="WastedImages">Images computed by copies whose answer came second (the price of hedging).</param>
/// <param name="Activations">How many times the job was activated: more than 1 when it came back on another silo.</param>
/// <param name="Suspicions">Times a device passed its time-out and was reported to the device monitor as suspect.</param>
/// <param name="EndReason">Why the job ended without every result (its deadline passed while waiting for a device, say); null otherwise.</param>
/// <param name="RedoneImages">Images computed again because the work on them was lost with a silo the job ran on.</param>
/// <param name="EscalatedImages">Images that went on to the fine stage (all of them unless the job escalates only uncertain ones).</param>
/// <param name="KeptCoarseAccuracy">Coarse accuracy over the images that kept their coarse answer (no fine one asked); null when there are none.</param>
/// <param name="CoarseLatency">Per image, from its task's submission to its coarse answer; null before any answer.</param>
/// <param name="CutChanges">Cuts moved while the job ran, as its untrusted devices' measured links or its trusted side's measured load changed (split auto); null or empty when none moved.</param>
/// <param name="EscalationThreshold">The confidence threshold in force at the report (under a budget, the one learnt so far); null when every image escalates.</param>
/// <param name="Joins">Devices that joined the cluster while the job ran and were added to its plan (Adaptive under Monitor), with when each first got work; null or empty when none joined.</param>
/// <param name="FineLatency">Per image, from its task's submission to its fine answer; null when none was asked or came.</param>
/// <param name="SchedulingMs">Time the Adaptive planner spent choosing devices in the job's last activation; 0 for the paper's schemes, whose plans are fixed lists.</param>
[GenerateSerializer, Immutable]
public sealed record JobReport(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobSpec Spec,
    [property: Id(2)] JobState State,
    [property: Id(3)] int ImagesRecorded,
    [property: Id(4)] int DuplicateResults,
    [property: Id(5)] IReadOnlyList<int> MissingImageIds,
    [property: Id(6)] int MissingImageCount,
    [property: Id(7)] double CoarseAccuracy,
    [property: Id(8)] double? FineAccuracy,
    [property: Id(9)] double MakespanMs,
    [property: Id(10)] IReadOnlyList<DeviceUsage> Devices,
    [property: Id(11)] string Plan,
    [property: Id(12)] int Timeouts,
    [property: Id(13)] int Retries,
    [property: Id(14)] int LostTasks,
    [property: Id(15)] int RawBatchesToUntrusted = 0,
    [property: Id(16)] int EncryptedBatches = 0,
    [property: Id(17)] long LinkBytes = 0,
    [property: Id(18)] int Hedges = 0,
    [property: Id(19)] int HedgesWon = 0,
    [property: Id(20)] long WastedImages = 0,
    [property: Id(21)] int Activations = 1,
    [property: Id(22)] int Suspicions = 0,
    [property: Id(23)] string? EndReason = null,
    [property: Id(24)] long RedoneImages = 0,
    [property: Id(25)] int EscalatedImages = 0,
    [property: Id(26)] double? KeptCoarseAccuracy = null,
    [property: Id(27)] double SchedulingMs = 0,
    [property: Id(28)] LatencySummary? CoarseLatency = null,
    [property: Id(29)] LatencySummary? FineLatency = null,
    [property: Id(30)] IReadOnlyList<CutChange>? CutChanges = null,
    [property: Id(31)] double? EscalationThreshold = null,
    [property: Id(32)] IReadOnlyList<DeviceJoin>? Joins = null);
