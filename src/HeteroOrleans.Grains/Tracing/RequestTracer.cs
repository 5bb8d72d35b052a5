using System.Diagnostics;

namespace HeteroOrleans.Grains.Tracing;

/// <summary>
/// One request's span: started as the service takes the request in, sampled by the silo's tracer; at the answer, the
/// parts of its time become child spans (with their own start and end) and a trace the silo keeps. The split of its
/// time is worked out for every request, sampled or not: the reply carries it.
/// </summary>
internal sealed class RequestTracer(Activity? activity, DateTimeOffset arrived, RecentTraces store) : IDisposable
{
    private string _outcome = "ended without an answer";

    private const string OrleansSourcePrefix = "Microsoft.Orleans";

    /// <summary>When the request arrived.</summary>
    public DateTimeOffset Arrived { get; } = arrived;

    /// <summary>The request's span context when it is sampled, for its batch's span to link to; default otherwise.</summary>
    public ActivityContext Sampled => activity is { Recorded: true } ? activity.Context : default;

    /// <summary>Starts the span of a request of <paramref name="images"/> images arriving now.</summary>
    public static RequestTracer Start(TimeProvider time, RecentTraces store, int images)
    {
        // The request's parent is the grain call that brought it when Orleans traces calls (Silo:Tracing:GrainCalls),
        // carrying the caller's trace. Any other ambient span is not its parent: an in-process caller's flow can hold the
        // span of its last request, and a request made its child would be sampled by inheritance, the next by it, and
        // so on until every request is traced.
        // Nor is the request's span left ambient: work it sets going (a batch, the loops that batch starts) outlives it.
        var ambient = Activity.Current;
        if (ambient is not null && !ambient.Source.Name.StartsWith(OrleansSourcePrefix, StringComparison.Ordinal))
        {
            Activity.Current = null;
        }

        var activity = HeteroTracing.Source.StartActivity("serve request", ActivityKind.Server);
        Activity.Current = ambient;
        activity?.SetTag("hetero.images", images);
        return new RequestTracer(activity, time.GetUtcNow(), store);
    }

    /// <summary>
    /// Ends the span as the request is answered at <paramref name="answered"/>: returns the split of its time, and when
    /// sampled emits its parts and keeps its trace.
    /// </summary>
    public LatencyParts? Finish(PendingRequest request, ServeReply reply, DateTimeOffset answered)
    {
        if (request.Batch is not { } batch || reply.Outcome is not (ServeOutcome.FineInTime or ServeOutcome.CoarseAtDeadline))
        {
            Stop(reply);
            return null;
        }

        var parts = RequestTimeline.Parts(Arrived, batch.DispatchedAt, RequestTimeline.CriticalPath(batch.Steps.Steps, answered));
        var split = RequestTimeline.Split(parts, reply.LatencyMs);
        if (activity is { Recorded: true } span)
        {
            foreach (var part in parts)
            {
                var start = Arrived.AddMilliseconds(part.StartMs);
                var ambient = Activity.Current;
                var child = HeteroTracing.Source.StartActivity(part.Name, ActivityKind.Internal, span.Context, startTime: start);
                Activity.Current = ambient;
                child?.SetTag("hetero.step", part.Step);
                child?.SetTag("hetero.device", part.DeviceId);
                child?.SetEndTime(start.AddMilliseconds(part.DurationMs).UtcDateTime);
                child?.Stop();
            }

            store.Add(new ImageTrace(span.TraceId.ToHexString(), Arrived.UtcDateTime, reply.LatencyMs, reply.Outcome.ToString(), request.Count, parts));
        }

        Stop(reply);
        return split;
    }

    /// <summary>Ends the span, with the request's outcome once it is known.</summary>
    public void Dispose()
    {
        if (activity is null)
        {
            return;
        }

        // Stopping a span that is not the ambient one leaves the ambient one as it is.
        activity.SetTag("hetero.outcome", _outcome);
        activity.Stop();
    }

    private void Stop(ServeReply reply) => _outcome = reply.Outcome.ToString();
}
