using HeteroOrleans.Inference.Models;

namespace HeteroOrleans.Benchmarks.Adapting;

/// <summary>
/// An escalation budget under drift: a stream whose second half is corrupted (its confidences fall), run with the
/// fixed threshold that kept the budget on the clean half, with <c>--escalate Budget</c>, and with the best fixed
/// threshold in hindsight (the one that escalates the budget's share of the whole stream, known only after it).
/// </summary>
public sealed class DriftBenchmark(IReadOnlyList<SiloSettings> settings, double budget, Action<string> log)
{
    /// <summary>Images after the shift before the share is held to the budget.</summary>
    public const int SettleImages = 500;

    /// <summary>Images each share is taken over.</summary>
    public const int WindowImages = 500;

    /// <summary>The fixed threshold that escalated the budget on the data before the shift.</summary>
    public const string FixedVariant = "fixed threshold (set on the clean half)";

    /// <summary>The threshold learnt while running.</summary>
    public const string BudgetVariant = "--escalate Budget";

    /// <summary>The fixed threshold that escalates the budget over the whole stream.</summary>
    public const string HindsightVariant = "best fixed threshold in hindsight";

    private const int ResultPage = 1_000;

    /// <summary>Emulated times are divided by this: the drift part measures shares and accuracies, not time.</summary>
    public const double TimeScale = 5;

    /// <summary>The devices of <paramref name="configDirectory"/>'s configs emulated by the paper's preset (their answers those of the real models).</summary>
    public static IReadOnlyList<SiloSettings> Settings(string configDirectory) => LocalCluster.LoadSettings(configDirectory, null, DevicePreset.Paper, TimeScale);

    /// <summary><paramref name="images"/> synthetic images, the second half corrupted by <paramref name="corruption"/>.</summary>
    public static CifarDataset Stream(int images, Corruption corruption) => SyntheticCifar.Generate(images).Corrupted(images / 2, corruption);

    /// <summary>Runs the three jobs on <paramref name="data"/>, shifted at <paramref name="shift"/>.</summary>
    public async Task<IReadOnlyList<DriftRun>> RunAsync(CifarDataset data, int shift, CancellationToken cancellation)
    {
        var confidences = Confidences(data);
        var before = Quantile(confidences.Take(shift), budget);
        var hindsight = Quantile(confidences, budget);
        log($"thresholds: {before:F3} keeps {budget:P0} of the clean half, {hindsight:F3} of the whole stream; " +
            $"{before:F3} would escalate {confidences.Skip(shift).Count(c => c < before) / (double)(data.Count - shift):P0} of the drifted half");
        await using var session = await BenchSession.StartAsync(settings, log, cancellation);
        await session.WarmAsync(data, [Spec(Escalation.All, 1)], cancellation);
        return
        [
            await RunOneAsync(session, data, shift, FixedVariant, Spec(Escalation.Uncertain, before), cancellation),
            await RunOneAsync(session, data, shift, BudgetVariant, Spec(Escalation.Budget, before), cancellation),
            await RunOneAsync(session, data, shift, HindsightVariant, Spec(Escalation.Uncertain, hindsight), cancellation),
        ];
    }

    private async Task<DriftRun> RunOneAsync(BenchSession session, CifarDataset data, int shift, string variant, JobSpec spec, CancellationToken cancellation)
    {
        var jobId = JobRunner.NewJobId();
        var report = await session.Runner.RunAsync(jobId, data, spec, null, cancellation);
        if (report.State != JobState.Completed)
        {
            throw new InvalidOperationException($"The {variant} job ended {report.State} ({report.EndReason}).");
        }

        var escalated = new bool[data.Count];
        var job = session.Cluster.Grains.GetGrain<IJobGrain>(jobId);
        for (var first = 0; first < data.Count; first += ResultPage)
        {
            foreach (var result in await job.GetResultsAsync(first, ResultPage))
            {
                escalated[result.ImageId] = result.FineLabel >= 0;
            }
        }

        var shares = new List<double>();
        for (var from = shift + SettleImages; from + WindowImages <= data.Count; from += 100)
        {
            shares.Add(escalated.Skip(from).Take(WindowImages).Count(e => e) / (double)WindowImages);
        }

        var run = new DriftRun(variant, spec.EscalationThreshold, report.EscalationThreshold, shares, escalated.Count(e => e) / (double)data.Count, report);
        log($"  {variant}: {run.EscalatedShare:P1} escalated, {(shares.Count == 0 ? "-" : $"{shares.Min():P1}–{shares.Max():P1}")} in each window after the shift; " +
            $"fine accuracy {report.FineAccuracy:P1}; windows {string.Join(" ", shares.Select(x => $"{100 * x:F1}"))}");
        return run;
    }

    // The end tier's model on every image, as the emulated end devices answer (their answers are the real model's).
    private double[] Confidences(CifarDataset data)
    {
        var model = settings.SelectMany(s => s.Devices).First(d => d.Tier == Tier.End).ModelId;
        var classifier = new SharedClassifiers(ModelStore.Open(settings[0].ModelsDirectory)).Get(model, SessionTuning.Default);
        var confidences = new double[data.Count];
        for (var first = 0; first < data.Count; first += 100)
        {
            var count = Math.Min(100, data.Count - first);
            var batch = data.Batch(first / 100, 100);
            var answer = classifier.Classify(batch.Pixels, count);
            for (var i = 0; i < count; i++)
            {
                confidences[first + i] = answer.Confidences[i];
            }
        }

        return confidences;
    }

    // The confidence below which a share of the values lies.
    private static double Quantile(IEnumerable<double> values, double share)
    {
        var sorted = values.Order().ToList();
        var below = (int)Math.Floor(share * sorted.Count);
        return below <= 0 ? 0 : below >= sorted.Count ? 1 : (sorted[below - 1] + sorted[below]) / 2;
    }

    private JobSpec Spec(Escalation escalate, double threshold) =>
        new(SchedulingScheme.Adaptive, Escalate: escalate, EscalationThreshold: threshold) { EscalationBudget = budget };
}
