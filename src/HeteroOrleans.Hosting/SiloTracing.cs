using HeteroOrleans.Grains.Tracing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace HeteroOrleans.Hosting;

/// <summary>
/// Traces a share of the requests (<c>Silo:Tracing</c>): the system's spans, and with <c>GrainCalls</c> Orleans' own,
/// carried across grain calls by Orleans' activity propagation; sampled by trace id so that a request is traced on
/// every silo or on none, and exported by OTLP when a collector is named. With no share, nothing listens and nothing is
/// spent.
/// </summary>
internal static class SiloTracing
{
    /// <summary>Orleans' activity sources: its runtime's calls and the application's grain calls.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Adds tracing to the silo as <paramref name="options"/> say.</summary>
    public static void Use(ISiloBuilder silo, IOpenTelemetryBuilder telemetry, TracingOptions options)
    {
        if (options.SampleRate <= 0)
        {
            return;
        }

        if (options.GrainCalls)
        {
            silo.AddActivityPropagation();
        }

        telemetry.WithTracing(tracing =>
        {
            tracing.AddSource(HeteroTracing.SourceName).SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SampleRate)));
            if (options.GrainCalls)
            {
                tracing.AddSource(OrleansSources);
            }

            if (options.OtlpEndpoint is { } endpoint)
            {
                tracing.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            }
        });
    }
}
