namespace HeteroOrleans.Hosting.Configuration;

/// <summary>Which requests the silo traces and where their spans go (<c>Silo:Tracing</c>).</summary>
public sealed class TracingOptions
{
    /// <summary>
    /// Share of the requests traced, 0 to 1: each sampled request gives one trace (its wait for a batch, then each step
    /// its answer waited for: lane, link out, device queue, compute or encryption head, link back), kept for the device
    /// page's waterfall and <c>/traces.json</c>, and exported when <see cref="OtlpEndpoint"/> is given. A request whose
    /// caller sent a trace context follows the caller's decision. Default 0: off, and nothing is spent on it.
    /// </summary>
    public double SampleRate { get; set; }

    /// <summary>An OpenTelemetry collector's OTLP endpoint (<c>http://collector:4317</c>, gRPC); none by default.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// Also trace Orleans' grain calls, with their context carried across silos and in from traced callers (Orleans'
    /// activity propagation). Off by default: every call of the silo, its own background calls included, then makes an
    /// activity, which costs processor time whether the call is sampled or not; the requests' own traces are whole
    /// without them.
    /// </summary>
    public bool GrainCalls { get; set; }
}
