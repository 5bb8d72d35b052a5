using System.CommandLine;
using HeteroOrleans.Client.Jobs;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Scheduling;

namespace HeteroOrleans.Client.Commands;

/// <summary>The options every job command shares.</summary>
public sealed class JobCommandOptions
{
    /// <summary>CIFAR-100 folder or binary file.</summary>
    public Option<string?> Data { get; } = new("--data")
    {
        Description = $"CIFAR-100 binary folder (holding test.bin) or file; default ${DataSource.DataVariable}, else synthetic data",
    };

    /// <summary>Limits the job to the first N images.</summary>
    public Option<int?> Images { get; } = new("--images")
    {
        Description = $"Use only the first N images (synthetic data: generate N; default {DataSource.DefaultImageCount:N0})",
    };

    /// <summary>Images per task.</summary>
    public Option<int> Batch { get; } = new("--batch") { Description = "Images per task", DefaultValueFactory = _ => JobSpec.DefaultBatchSize };

    /// <summary>Scheduling scheme.</summary>
    public Option<SchedulingScheme> Scheme { get; } = new("--scheme")
    {
        Description = "Scheduling scheme: End, EndCloud, EndEdge or Mapping",
        DefaultValueFactory = _ => SchedulingScheme.EndEdge,
    };

    /// <summary>Back-pressure bound.</summary>
    public Option<int> InFlight { get; } = new("--in-flight")
    {
        Description = "Tasks the job runs at once (back-pressure)",
        DefaultValueFactory = _ => JobSpec.DefaultMaxTasksInFlight,
    };

    /// <summary>End devices to use (the first N by id).</summary>
    public Option<int?> End { get; } = new("--end") { Description = "Use only the first N end devices" };

    /// <summary>Edge devices to use.</summary>
    public Option<int?> Edge { get; } = new("--edge") { Description = "Use only the first N edge devices" };

    /// <summary>Clouds to use.</summary>
    public Option<int?> Cloud { get; } = new("--cloud") { Description = "Use only the first N cloud devices" };

    /// <summary>End-tier link override.</summary>
    public Option<double?> EndLatency { get; } = Durations.MillisecondsOption("--end-latency", "Round-trip link latency to end devices for this job");

    /// <summary>Edge link override.</summary>
    public Option<double?> EdgeLatency { get; } = Durations.MillisecondsOption("--edge-latency", "Round-trip link latency to edge devices for this job");

    /// <summary>Cloud link override.</summary>
    public Option<double?> CloudLatency { get; } = Durations.MillisecondsOption("--cloud-latency", "Round-trip link latency to the cloud for this job");

    /// <summary>Fault-tolerance method.</summary>
    public Option<FaultMethod> Faults { get; } = new("--faults")
    {
        Description = "How the job survives failing devices: None, Reassign or Monitor",
        DefaultValueFactory = _ => FaultMethod.Monitor,
    };

    /// <summary>Privacy mode.</summary>
    public Option<PrivacyMode> Privacy { get; } = new("--privacy")
    {
        Description = "What may reach untrusted devices: Off (raw pixels), EncryptAtEnd or EncryptAtEdge (only the encryption head's output)",
        DefaultValueFactory = _ => PrivacyMode.EncryptAtEnd,
    };

    /// <summary>Encrypted feature precision.</summary>
    public Option<FeaturePrecision> Precision { get; } = new("--feature-precision")
    {
        Description = "How encryption-head outputs travel: Fp32 or Fp16 (half the bytes)",
        DefaultValueFactory = _ => FeaturePrecision.Fp32,
    };

    /// <summary>Communication timeout.</summary>
    public Option<double?> Timeout { get; } = Durations.MillisecondsOption("--timeout",
        "Communication time-out's start and floor: a device gets what it was seen to need (smoothed time plus four deviations, from when it starts the task), never less than this (default 0.5s)");

    /// <summary>Job deadline.</summary>
    public Option<double?> Deadline { get; } = Durations.MillisecondsOption("--deadline",
        "How long the job may wait for devices (a role with none live) before it ends Failed, naming the missing images (default 10min)", allowZero: false);

    /// <summary>Adds the options, with their checks, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Positive(Batch);
        Positive(InFlight);
        Images.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is <= 0)
            {
                r.AddError("--images must be a positive number.");
            }
        });
        command.Options.Add(Data);
        command.Options.Add(Images);
        command.Options.Add(Batch);
        command.Options.Add(Scheme);
        command.Options.Add(InFlight);
        foreach (var count in new[] { End, Edge, Cloud })
        {
            count.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int?>() is < 0)
                {
                    r.AddError($"{count.Name} cannot be negative.");
                }
            });
            command.Options.Add(count);
        }

        command.Options.Add(Faults);
        command.Options.Add(Privacy);
        command.Options.Add(Precision);
        command.Options.Add(Timeout);
        command.Options.Add(Deadline);
        command.Options.Add(EndLatency);
        command.Options.Add(EdgeLatency);
        command.Options.Add(CloudLatency);
    }

    /// <summary>The run options from a parse result.</summary>
    public JobRunOptions Read(ParseResult result) =>
        new(result.GetValue(Scheme), result.GetValue(Batch), result.GetValue(InFlight),
            new DeviceLimits(result.GetValue(End), result.GetValue(Edge), result.GetValue(Cloud)),
            new LatencyOverrides(result.GetValue(EndLatency), result.GetValue(EdgeLatency), result.GetValue(CloudLatency)),
            result.GetValue(Faults), result.GetValue(Timeout) ?? JobSpec.DefaultTimeoutMs, result.GetValue(Privacy), result.GetValue(Precision),
            result.GetValue(Deadline) ?? JobSpec.DefaultDeadlineMs);

    private static void Positive(Option<int> option) => option.Validators.Add(r =>
    {
        if (r.GetValueOrDefault<int>() <= 0)
        {
            r.AddError($"{option.Name} must be a positive number.");
        }
    });
}
