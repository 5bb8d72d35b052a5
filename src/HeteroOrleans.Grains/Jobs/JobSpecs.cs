namespace HeteroOrleans.Grains.Jobs;

/// <summary>Refuses job specs no job can run, and says how two specs differ in the words of the options that set them.</summary>
internal static class JobSpecs
{
    /// <summary>Refuses a spec no job can run.</summary>
    /// <exception cref="ArgumentException">A size, count or duration is out of range.</exception>
    public static void Check(JobSpec spec)
    {
        if (spec.BatchSize <= 0 || spec.ImageCount <= 0 || spec.MaxTasksInFlight <= 0 || spec.TimeoutMs < 0 || spec.DeadlineMs <= 0)
        {
            throw new ArgumentException(
                $"Batch size ({spec.BatchSize}), image count ({spec.ImageCount}), tasks in flight ({spec.MaxTasksInFlight}) and deadline ({spec.DeadlineMs} ms) must be positive, the timeout ({spec.TimeoutMs} ms) not negative.");
        }

        if (string.IsNullOrWhiteSpace(spec.Split))
        {
            throw new ArgumentException($"The split is '{JobSpec.AutoSplit}', '{JobSpec.ManifestSplit}' or a tensor's name, not empty.");
        }

        if (spec.EscalationThreshold is < 0 or > 1 || double.IsNaN(spec.EscalationThreshold))
        {
            throw new ArgumentException($"The escalation threshold is a confidence between 0 and 1, not {spec.EscalationThreshold}.");
        }
    }

    /// <summary>One line per difference, "--images 10000, not 5000"; empty when the specs are equal.</summary>
    public static IReadOnlyList<string> Differences(JobSpec started, JobSpec asked)
    {
        var lines = new List<string>();
        void Compare<T>(string option, T was, T now)
        {
            if (!EqualityComparer<T>.Default.Equals(was, now))
            {
                lines.Add($"{option} {Show(was)}, not {Show(now)}");
            }
        }

        Compare("data", started.DataDescription, asked.DataDescription);
        Compare("--images", started.ImageCount, asked.ImageCount);
        Compare("--batch", started.BatchSize, asked.BatchSize);
        Compare("--scheme", started.Scheme, asked.Scheme);
        Compare("--faults", started.Faults, asked.Faults);
        Compare("--privacy", started.Privacy, asked.Privacy);
        Compare("--feature-precision", started.FeaturePrecision, asked.FeaturePrecision);
        Compare("--split", started.Split, asked.Split);
        Compare("--in-flight", started.MaxTasksInFlight, asked.MaxTasksInFlight);
        Compare("--timeout (ms)", started.TimeoutMs, asked.TimeoutMs);
        Compare("--deadline (ms)", started.DeadlineMs, asked.DeadlineMs);
        Compare("--escalate", started.Escalate, asked.Escalate);
        Compare("--threshold", started.EscalationThreshold, asked.EscalationThreshold);
        Compare("--end/--edge/--cloud", started.Devices ?? DeviceLimits.None, asked.Devices ?? DeviceLimits.None);
        Compare("--end-latency/--edge-latency/--cloud-latency", started.Latency ?? LatencyOverrides.None, asked.Latency ?? LatencyOverrides.None);
        return lines;
    }

    private static string Show<T>(T value) => value switch
    {
        DeviceLimits l => $"{l.End?.ToString() ?? "all"}/{l.Edge?.ToString() ?? "all"}/{l.Cloud?.ToString() ?? "all"}",
        LatencyOverrides l => $"{l.EndMs?.ToString() ?? "-"}/{l.EdgeMs?.ToString() ?? "-"}/{l.CloudMs?.ToString() ?? "-"} ms",
        string text => $"'{text}'",
        _ => value?.ToString() ?? "none",
    };
}
