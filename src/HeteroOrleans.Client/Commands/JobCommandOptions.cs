using System.CommandLine;
using Spectre.Console;
using HeteroOrleans.Contracts.Devices;

namespace HeteroOrleans.Client.Commands;

/// <summary>The options every job command shares.</summary>
public sealed class JobCommandOptions
{
    // Every default below is read from here, so the CLI cannot drift from the job's own.
    private static readonly JobSpec Defaults = new();

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
    public Option<int> Batch { get; } = new("--batch") { Description = "Images per task", DefaultValueFactory = _ => Defaults.BatchSize };

    /// <summary>Scheduling scheme.</summary>
    public Option<SchedulingScheme> Scheme { get; } = Choice("--scheme", "Scheduling scheme: the paper's End, EndCloud, EndEdge or Mapping, or Adaptive (earliest finish, pipelined)", Defaults.Scheme);

    /// <summary>Back-pressure bound.</summary>
    public Option<int> InFlight { get; } = new("--in-flight")
    {
        Description = "Tasks the job runs at once (back-pressure)",
        DefaultValueFactory = _ => Defaults.MaxTasksInFlight,
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
    public Option<FaultMethod> Faults { get; } = Choice("--faults", "How the job survives failing devices: None, Reassign or Monitor", Defaults.Faults);

    /// <summary>Privacy mode.</summary>
    public Option<PrivacyMode> Privacy { get; } = Choice("--privacy",
        "What may reach untrusted devices: Off (raw pixels), EncryptAtEnd or EncryptAtEdge (only the encryption head's output)", Defaults.Privacy);

    /// <summary>Encrypted feature precision.</summary>
    public Option<FeaturePrecision> Precision { get; } = Choice("--feature-precision", "How encryption-head outputs travel: Fp32 or Fp16 (half the bytes)", Defaults.FeaturePrecision);

    /// <summary>Communication timeout.</summary>
    public Option<double?> Timeout { get; } = Durations.MillisecondsOption("--timeout",
        "Communication time-out's start and floor: a device gets what it was seen to need (smoothed time plus four deviations, from when it starts the task), never less than this (default 0.5s)", allowZero: false);

    /// <summary>Job deadline.</summary>
    public Option<double?> Deadline { get; } = Durations.MillisecondsOption("--deadline",
        "How long the job may wait for devices (a role with none live) before it ends Failed, naming the missing images (default 10min)", allowZero: false);

    /// <summary>Which images go on to the fine stage.</summary>
    public Option<Escalation> Escalate { get; } = Choice("--escalate",
        "Which images go on to the fine stage: All (as in the paper) or Uncertain (only those whose coarse confidence is below --threshold)", Defaults.Escalate);

    /// <summary>Confidence below which an image is escalated.</summary>
    public Option<double> Threshold { get; } = new("--threshold")
    {
        Description = "With --escalate Uncertain: an image goes to the fine stage when the end model's confidence (softmax probability of its predicted class) is below this",
        DefaultValueFactory = _ => Defaults.EscalationThreshold,
    };

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
        foreach (var count in new[] { End, Edge, Cloud })
        {
            count.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int?>() is < 0)
                {
                    r.AddError($"{count.Name} cannot be negative.");
                }
            });
        }

        Threshold.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1 or double.NaN)
            {
                r.AddError("--threshold is a confidence between 0 and 1.");
            }
        });
        Option[] all = [Data, Images, Batch, Scheme, InFlight, End, Edge, Cloud, Faults, Privacy, Precision, Escalate, Threshold, Timeout, Deadline, EndLatency, EdgeLatency, CloudLatency];
        all.ToList().ForEach(command.Options.Add);
    }

    /// <summary>The data set the options name, described on <paramref name="console"/>.</summary>
    public CifarDataset LoadData(ParseResult result, IAnsiConsole console)
    {
        var data = DataSource.Load(result.GetValue(Data), result.GetValue(Images));
        JobSession.DescribeData(console, data);
        return data;
    }

    /// <summary>The job's spec from a parse result; the data fill in the images when the job runs.</summary>
    public JobSpec Read(ParseResult result) => new()
    {
        Scheme = result.GetValue(Scheme),
        BatchSize = result.GetValue(Batch),
        MaxTasksInFlight = result.GetValue(InFlight),
        Devices = new DeviceLimits(result.GetValue(End), result.GetValue(Edge), result.GetValue(Cloud)),
        Latency = new LatencyOverrides(result.GetValue(EndLatency), result.GetValue(EdgeLatency), result.GetValue(CloudLatency)),
        Faults = result.GetValue(Faults),
        TimeoutMs = result.GetValue(Timeout) ?? Defaults.TimeoutMs,
        Privacy = result.GetValue(Privacy),
        FeaturePrecision = result.GetValue(Precision),
        DeadlineMs = result.GetValue(Deadline) ?? Defaults.DeadlineMs,
        Escalate = result.GetValue(Escalate),
        EscalationThreshold = result.GetValue(Threshold),
    };

    private static Option<T> Choice<T>(string name, string description, T byDefault) where T : struct, Enum => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => byDefault,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
            {
                return value;
            }

            result.AddError($"{name} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
            return byDefault;
        },
    };

    private static void Positive(Option<int> option) => option.Validators.Add(r =>
    {
        if (r.GetValueOrDefault<int>() <= 0)
        {
            r.AddError($"{option.Name} must be a positive number.");
        }
    });
}
