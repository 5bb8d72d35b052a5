using System.Diagnostics.Metrics;

namespace HeteroOrleans.Grains.Monitoring;

/// <summary>
/// The system's own metrics (System.Diagnostics.Metrics), exported by each silo's Prometheus endpoint: work per tier
/// and device, per-tier batch latency, failures, retries and device queues.
/// </summary>
public static class HeteroMetrics
{
    /// <summary>Name of the meter, for exporters to subscribe to.</summary>
    public const string MeterName = "HeteroOrleans";

    private static readonly Meter Meter = new(MeterName);

    // Seconds from a few milliseconds (a batch on a fast device) to minutes (a task behind a queue on a slow one).
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    };

    /// <summary>Batches a device finished.</summary>
    public static Counter<long> Tasks { get; } = Meter.CreateCounter<long>("hetero.device.tasks", "{task}", "Batches finished by a device");

    /// <summary>Images a device classified.</summary>
    public static Counter<long> Images { get; } = Meter.CreateCounter<long>("hetero.device.images", "{image}", "Images classified by a device");

    /// <summary>Time a device spent on one batch, in seconds.</summary>
    public static Histogram<double> BatchDuration { get; } =
        Meter.CreateHistogram("hetero.device.batch.duration", "s", "Inference time of one batch, by tier", tags: null, advice: Seconds);

    /// <summary>Images per batch a device ran, every caller's work that waited at it together, by tier.</summary>
    public static Histogram<int> DeviceBatchSize { get; } = Meter.CreateHistogram("hetero.device.batch.size", "{image}", "Images per batch a device ran, by tier",
        tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    /// <summary>Per image, seconds from its task's submission to an answer, by stage (coarse or fine).</summary>
    public static Histogram<double> AnswerLatency { get; } =
        Meter.CreateHistogram("hetero.job.answer.latency", "s", "Time from a task's submission to each image's coarse or fine answer", tags: null, advice: Seconds);

    /// <summary>Work a device dropped unrun because its answer could no longer reach its caller in time.</summary>
    public static Counter<long> Expired { get; } = Meter.CreateCounter<long>("hetero.device.expired", "{task}", "Work a device dropped because its answer would come too late");

    /// <summary>Batches waiting for or running on a device.</summary>
    public static UpDownCounter<long> Queue { get; } = Meter.CreateUpDownCounter<long>("hetero.device.queue", "{task}", "Batches waiting for or running on a device");

    /// <summary>Calls to a device that a job saw fail or time out.</summary>
    public static Counter<long> Failures { get; } = Meter.CreateCounter<long>("hetero.job.device_failures", "{call}", "Device calls that failed or timed out");

    /// <summary>Stages a job ran again on another device.</summary>
    public static Counter<long> Retries { get; } = Meter.CreateCounter<long>("hetero.job.retries", "{stage}", "Stages re-run after a failure");

    /// <summary>Backup copies a job sent for straggling stages.</summary>
    public static Counter<long> Hedges { get; } = Meter.CreateCounter<long>("hetero.job.hedges", "{copy}", "Backup copies sent for stages past their time-out");

    /// <summary>Inference-service requests, by outcome (FineInTime, CoarseAtDeadline, Refused, Cancelled).</summary>
    public static Counter<long> ServeRequests { get; } = Meter.CreateCounter<long>("hetero.serve.requests", "{request}", "Inference-service requests by outcome");

    /// <summary>Seconds from a service request's arrival to its answer, by outcome.</summary>
    public static Histogram<double> ServeLatency { get; } =
        Meter.CreateHistogram("hetero.serve.latency", "s", "Time from a service request's arrival to its answer, by outcome", tags: null, advice: Seconds);

    /// <summary>Images per batch the inference service sent.</summary>
    public static Histogram<int> ServeBatchSize { get; } = Meter.CreateHistogram("hetero.serve.batch.size", "{image}", "Images per batch the inference service sent",
        tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 48, 64] });

    /// <summary>Service requests queued for a batch.</summary>
    public static UpDownCounter<long> ServeQueue { get; } = Meter.CreateUpDownCounter<long>("hetero.serve.queue", "{request}", "Service requests queued for a batch");

    /// <summary>
    /// Reports the links of <paramref name="links"/> (a silo's measured ones) as gauges: round trip and bandwidth, each
    /// as measured by the silo's calls and as configured, told apart by <c>source</c>.
    /// </summary>
    public static void ReportLinks(Func<IReadOnlyList<MeasuredLink>> links)
    {
        Meter.CreateObservableGauge("hetero.link.round_trip", () => Both(links(), l => l.RoundTripMs / 1000, c => c.RoundTripLatencyMs / 1000), "s",
            "Round trip of a device's link, as configured and as this silo's calls measured it");
        Meter.CreateObservableGauge("hetero.link.bandwidth", () => Both(links(), l => l.BandwidthMbps, c => c.BandwidthMbps), "Mbit/s",
            "Bandwidth of a device's link (0: unlimited), as configured and as this silo's calls measured it");
    }

    private static IEnumerable<Measurement<double>> Both(IReadOnlyList<MeasuredLink> links, Func<MeasuredLink, double> measured, Func<LinkProfile, double> configured)
    {
        foreach (var link in links)
        {
            yield return new(configured(link.Configured), new("device", link.DeviceId), new("source", "configured"));
            if (double.IsFinite(measured(link)))
            {
                yield return new(measured(link), new("device", link.DeviceId), new("source", "measured"));
            }
        }
    }
}
