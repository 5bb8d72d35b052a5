namespace HeteroOrleans.Grains.Jobs;

/// <summary>Refuses job specs no job can run, and says how two specs differ in the words of the options that set them.</summary>
internal static class JobSpecs
{
    /// <summary>Refuses a spec no job can run.</summary>
    /// <exception cref="ArgumentException">A size, count or duration is out of range.</exception>
    public static void Check(JobSpec spec)
    {
        if (spec.BatchSize <= 0 || spec.ImageCount <= 0 || spec.MaxTasksInFlight <= 0 || spec.Timeout < TimeSpan.Zero || spec.Deadline <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"Batch size ({spec.BatchSize}), image count ({spec.ImageCount}), tasks in flight ({spec.MaxTasksInFlight}) and deadline ({spec.Deadline}) must be positive, the timeout ({spec.Timeout}) not negative.");
        }

        if (string.IsNullOrWhiteSpace(spec.Split))
        {
            throw new ArgumentException($"The split is '{JobSpec.AutoSplit}', '{JobSpec.ManifestSplit}' or a tensor's name, not empty.");
        }

        if (spec.EscalationThreshold is < 0 or > 1 || double.IsNaN(spec.EscalationThreshold))
        {
            throw new ArgumentException($"The escalation threshold is a confidence between 0 and 1, not {spec.EscalationThreshold}.");
        }

        if (spec.EscalationBudget is < 0 or > 1 || double.IsNaN(spec.EscalationBudget))
        {
            throw new ArgumentException($"The escalation budget is a share of the images between 0 and 1 (0 % and 100 %), not {spec.EscalationBudget}.");
        }
    }

    // The settings a resumed job must share with the one it resumes, by the options that set them.
    private static readonly (string Option, Func<JobSpec, object?> Of)[] Settings =
    [
        ("data", s => s.DataDescription), ("--images", s => s.ImageCount), ("--batch", s => s.BatchSize), ("--scheme", s => s.Scheme),
        ("--faults", s => s.Faults), ("--privacy", s => s.Privacy), ("--feature-precision", s => s.FeaturePrecision), ("--split", s => s.Split),
        ("--in-flight", s => s.MaxTasksInFlight), ("--timeout", s => s.Timeout), ("--deadline", s => s.Deadline), ("--escalate", s => s.Escalate),
        ("--threshold", s => s.EscalationThreshold), ("--budget", s => s.EscalationBudget), ("--end/--edge/--cloud", s => s.Devices ?? DeviceLimits.None),
        ("--end-latency/--edge-latency/--cloud-latency", s => s.Latency ?? LatencyOverrides.None),
    ];

    /// <summary>One line per difference, "--images 10000, not 5000"; empty when the specs are equal.</summary>
    public static IReadOnlyList<string> Differences(JobSpec started, JobSpec asked) =>
    [
        .. Settings
            .Select(setting => (setting.Option, Was: setting.Of(started), Now: setting.Of(asked)))
            .Where(setting => !Equals(setting.Was, setting.Now))
            .Select(setting => $"{setting.Option} {Show(setting.Was)}, not {Show(setting.Now)}"),
    ];

    private static string Show(object? value) => value switch
    {
        DeviceLimits l => $"{l.End?.ToString() ?? "all"}/{l.Edge?.ToString() ?? "all"}/{l.Cloud?.ToString() ?? "all"}",
        LatencyOverrides l => $"{l.End?.ToString() ?? "-"}/{l.Edge?.ToString() ?? "-"}/{l.Cloud?.ToString() ?? "-"}",
        string text => $"'{text}'",
        _ => value?.ToString() ?? "none",
    };
}
