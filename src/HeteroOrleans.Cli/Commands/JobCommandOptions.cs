using System.CommandLine.Parsing;
using System.Globalization;
using HeteroOrleans.Contracts.Devices;

namespace HeteroOrleans.Cli.Commands;

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
    public Option<int?> Images { get; } = Count("--images", $"Use only the first N images (synthetic data: generate N; default {DataSource.DefaultImageCount:N0})", least: 1);

    /// <summary>Images per task.</summary>
    public Option<int> Batch { get; } = Positive("--batch", "Images per task", Defaults.BatchSize);

    /// <summary>Scheduling scheme.</summary>
    public Option<SchedulingScheme> Scheme { get; } = ChoiceOption.Create("--scheme", "Scheduling scheme: the paper's End, EndCloud, EndEdge or Mapping, or Adaptive (earliest finish, pipelined)", Defaults.Scheme);

    /// <summary>Back-pressure bound.</summary>
    public Option<int> InFlight { get; } = Positive("--in-flight", "Tasks the job runs at once (back-pressure)", Defaults.MaxTasksInFlight);

    /// <summary>End devices to use (the first N by id).</summary>
    public Option<int?> End { get; } = Count("--end", "Use only the first N end devices", least: 0);

    /// <summary>Edge devices to use.</summary>
    public Option<int?> Edge { get; } = Count("--edge", "Use only the first N edge devices", least: 0);

    /// <summary>Clouds to use.</summary>
    public Option<int?> Cloud { get; } = Count("--cloud", "Use only the first N cloud devices", least: 0);

    /// <summary>End-tier link override.</summary>
    public Option<TimeSpan?> EndLatency { get; } = Durations.Option("--end-latency", "Round-trip link latency to end devices for this job");

    /// <summary>Edge link override.</summary>
    public Option<TimeSpan?> EdgeLatency { get; } = Durations.Option("--edge-latency", "Round-trip link latency to edge devices for this job");

    /// <summary>Cloud link override.</summary>
    public Option<TimeSpan?> CloudLatency { get; } = Durations.Option("--cloud-latency", "Round-trip link latency to the cloud for this job");

    /// <summary>Fault-tolerance method.</summary>
    public Option<FaultMethod> Faults { get; } = ChoiceOption.Create("--faults", "How the job survives failing devices: None, Reassign or Monitor", Defaults.Faults);

    /// <summary>Privacy mode.</summary>
    public Option<PrivacyMode> Privacy { get; } = ChoiceOption.Create("--privacy",
        "What may reach untrusted devices: Off (raw pixels), EncryptAtEnd or EncryptAtEdge (only the encryption head's output)", Defaults.Privacy);

    /// <summary>Encrypted feature precision.</summary>
    public Option<FeaturePrecision> Precision { get; } = ChoiceOption.Create("--feature-precision",
        "How encryption-head outputs travel: Fp32, Fp16 (half the bytes) or Int8 (about a quarter, scaled per image and channel)", Defaults.FeaturePrecision);

    /// <summary>Where untrusted devices' models are cut.</summary>
    public Option<string> Split { get; } = new("--split")
    {
        Description = "Where each untrusted device's model is cut for encryption: auto (per device, the least expected time for its link), " +
            "manifest (each model's manifest split), or a tensor (`hetero models cuts MODEL` lists them)",
        DefaultValueFactory = _ => Defaults.Split,
    };

    /// <summary>Print answers as they come.</summary>
    public Option<bool> Follow { get; } = new("--follow") { Description = "Print each image's coarse answer as soon as it exists, then its fine one, with their latencies (no progress bar)" };

    /// <summary>Write answers as JSON lines.</summary>
    public Option<string?> Out { get; } = new("--out") { Description = "Write each answer as it comes to this file, one JSON line each (coarse, then fine)" };

    /// <summary>Keep the images the fine model corrected, for refitting.</summary>
    public Option<string?> HardExamples { get; } = new("--hard-examples")
    {
        Description = "Once the job ends, append the images whose coarse answer the fine model corrected to this folder: CIFAR-100 records labelled by the fine answer " +
            "in train.bin (refit with `hetero models fit MODEL --data DIR`), both answers in hard-examples.csv",
    };

    /// <summary>Communication timeout.</summary>
    public Option<TimeSpan?> Timeout { get; } = Durations.Option("--timeout",
        "Communication time-out: a device gets what it was seen to need (smoothed time plus four deviations, from when it starts the task), then this much more (default 0.5s)", allowZero: false);

    /// <summary>Job deadline.</summary>
    public Option<TimeSpan?> Deadline { get; } = Durations.Option("--deadline",
        "How long the job may wait for devices (a role with none live) before it ends Failed, naming the missing images (default 10min)", allowZero: false);

    /// <summary>Which images go on to the fine stage.</summary>
    public Option<Escalation> Escalate { get; } = ChoiceOption.Create("--escalate",
        "Which images go on to the fine stage: All (as in the paper), Uncertain (only those whose coarse confidence is below --threshold) or Budget " +
        "(the least confident --budget of them, the threshold learnt as the job runs)", Defaults.Escalate);

    /// <summary>The share of images escalated under <see cref="Escalation.Budget"/>.</summary>
    public Option<double> Budget { get; } = new("--budget")
    {
        Description = "With --escalate Budget: the share of images to send to the fine stage, as 25% or 0.25 (default 25%)",
        DefaultValueFactory = _ => Defaults.EscalationBudget,
        CustomParser = result =>
        {
            try
            {
                return Shares.Parse(result.Tokens.Single().Value, "--budget");
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
                return Defaults.EscalationBudget;
            }
        },
    };

    /// <summary>Confidence below which an image is escalated.</summary>
    public Option<double> Threshold { get; } = new("--threshold")
    {
        Description = "With --escalate Uncertain: an image goes to the fine stage when the end model's confidence (softmax probability of its predicted class) is below this; 1 sends every image",
        DefaultValueFactory = _ => Defaults.EscalationThreshold,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"--threshold '{text}' is not a number (decimals take a point: 0.5).");
            }
            else if (value is < 0 or > 1 || double.IsNaN(value))
            {
                result.AddError("--threshold is a confidence between 0 and 1.");
            }

            return value;
        },
    };

    /// <summary>Adds the options, with their checks, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Validators.Add(result =>
        {
            if (result.GetResult(Threshold) is { Implicit: false } && result.GetValue(Escalate) == Escalation.All)
            {
                result.AddError("--threshold applies only with --escalate Uncertain (or Budget, where it is the threshold to start from).");
            }

            if (result.GetResult(Budget) is { Implicit: false } && result.GetValue(Escalate) != Escalation.Budget)
            {
                result.AddError("--budget applies only with --escalate Budget.");
            }

            if (result.GetValue(HardExamples) is { } folder && File.Exists(folder))
            {
                result.AddError($"--hard-examples {folder}: is a file; give a folder (it gets {Client.HardExamples.RecordsFile} and {Client.HardExamples.AnswersFile}).");
            }
        });
        Option[] all = [Data, Images, Batch, Scheme, InFlight, End, Edge, Cloud, Faults, Privacy, Precision, Split, Escalate, Threshold, Budget, Timeout, Deadline, EndLatency, EdgeLatency, CloudLatency, Follow, Out, HardExamples];
        all.ToList().ForEach(command.Options.Add);
    }

    /// <summary>The data set the options name, described on <paramref name="console"/>.</summary>
    public CifarDataset LoadData(ParseResult result, IAnsiConsole console)
    {
        var data = DataSource.Load(result.GetValue(Data), result.GetValue(Images));
        JobSession.DescribeData(console, data);
        return data;
    }

    /// <summary>What to do with the job's answers as they come.</summary>
    public AnswerOutput Answers(ParseResult result) => new(result.GetValue(Follow), result.GetValue(Out), result.GetValue(HardExamples));

    /// <summary>The job's spec from a parse result; the data fill in the images when the job runs.</summary>
    public JobSpec Read(ParseResult result) => new()
    {
        Scheme = result.GetValue(Scheme),
        BatchSize = result.GetValue(Batch),
        MaxTasksInFlight = result.GetValue(InFlight),
        Devices = new DeviceLimits(result.GetValue(End), result.GetValue(Edge), result.GetValue(Cloud)),
        Latency = new LatencyOverrides(result.GetValue(EndLatency), result.GetValue(EdgeLatency), result.GetValue(CloudLatency)),
        Faults = result.GetValue(Faults),
        Timeout = result.GetValue(Timeout) ?? JobSpec.DefaultTimeout,
        Privacy = result.GetValue(Privacy),
        FeaturePrecision = result.GetValue(Precision),
        Split = result.GetValue(Split)!,
        Deadline = result.GetValue(Deadline) ?? JobSpec.DefaultDeadline,
        Escalate = result.GetValue(Escalate),
        EscalationThreshold = result.GetValue(Threshold),
        EscalationBudget = result.GetValue(Budget),
    };

    private static Option<int> Positive(string name, string description, int byDefault) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => byDefault,
        CustomParser = result => WholeNumber(result, name, least: 1) ?? byDefault,
    };

    private static Option<int?> Count(string name, string description, int least) => new(name)
    {
        Description = description,
        CustomParser = result => WholeNumber(result, name, least),
    };

    // Parsed here rather than checked by a validator, so that a value that is not a number is one error line too.
    private static int? WholeNumber(ArgumentResult result, string name, int least)
    {
        var text = result.Tokens.Single().Value;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name} '{text}' is not a whole number.");
            return null;
        }

        if (value < least)
        {
            result.AddError(least > 0 ? $"{name} must be a positive number." : $"{name} cannot be negative.");
            return null;
        }

        return value;
    }
}
