namespace HeteroOrleans.Grains.Tracing;

/// <summary>Turns a request's arrival, its batch's dispatch and the steps of its batch into the parts of its time.</summary>
public static class RequestTimeline
{
    // Steps chain when one ended before the next began; clocks of one process, so a millisecond of slack is plenty.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The steps the answer waited for: the last step to end by <paramref name="answered"/>, then the last to end before
    /// that one began, and so on back to the batch's dispatch. Steps that ran beside them (a coarse stage beside the
    /// fine one, a backup copy) are left out.
    /// </summary>
    public static IReadOnlyList<StepTrace> CriticalPath(IReadOnlyList<StepTrace> steps, DateTimeOffset answered)
    {
        // Latest end first: each step taken is the last to end before the one after it began.
        var path = new List<StepTrace>();
        var before = answered + Slack;
        foreach (var step in steps.OrderByDescending(s => s.Returned))
        {
            if (step.Returned <= before)
            {
                path.Add(step);
                before = step.Started + Slack;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>The parts of a request that arrived at <paramref name="arrived"/> and left in a batch at <paramref name="dispatched"/>.</summary>
    public static IReadOnlyList<TracePart> Parts(DateTimeOffset arrived, DateTimeOffset dispatched, IReadOnlyList<StepTrace> path)
    {
        double Ms(DateTimeOffset at) => (at - arrived).TotalMilliseconds;
        var parts = new List<TracePart> { new("queued", "service", null, 0, Math.Max(0, Ms(dispatched))) };
        foreach (var step in path)
        {
            var lane = Ms(step.Sent) - Ms(step.Started);
            if (lane > 0)
            {
                parts.Add(new TracePart("queued", step.Step, step.DeviceId, Ms(step.Started), lane));
            }

            parts.Add(new TracePart("link out", step.Step, step.DeviceId, Ms(step.Sent), Ms(step.Arrived) - Ms(step.Sent)));
            if (step.QueueMs > 0)
            {
                parts.Add(new TracePart("queued", step.Step, step.DeviceId, Ms(step.Arrived), step.QueueMs));
            }

            parts.Add(new TracePart(step.Step == "head" ? "head" : "compute", step.Step, step.DeviceId, Ms(step.Arrived) + step.QueueMs, step.ComputeMs));
            parts.Add(new TracePart("link back", step.Step, step.DeviceId, Ms(step.Answered), Ms(step.Returned) - Ms(step.Answered)));
        }

        return parts;
    }

    /// <summary>The parts added up by kind, the rest of <paramref name="latencyMs"/> as other.</summary>
    public static LatencyParts Split(IReadOnlyList<TracePart> parts, double latencyMs)
    {
        double Of(params string[] names) => parts.Where(p => names.Contains(p.Name)).Sum(p => p.DurationMs);
        var (queue, link, compute, head) = (Of("queued"), Of("link out", "link back"), Of("compute"), Of("head"));
        return new LatencyParts(queue, link, compute, head, latencyMs - queue - link - compute - head);
    }
}
