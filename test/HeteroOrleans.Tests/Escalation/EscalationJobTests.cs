namespace HeteroOrleans.Tests.Escalation;

public sealed class EscalationJobTests(ClusterFixture fixture)
{
    private static readonly CifarDataset Data = SyntheticCifar.Generate(600, seed: 11);

    [Theory]
    [InlineData(SchedulingScheme.EndEdge)]
    [InlineData(SchedulingScheme.Adaptive)]
    public async Task Only_uncertain_images_get_a_fine_answer_and_the_report_counts_each_part(SchedulingScheme scheme)
    {
        var all = await Run(new JobSpec(scheme));
        var uncertain = await Run(new JobSpec(scheme, Escalate: Contracts.Jobs.Escalation.Uncertain, EscalationThreshold: 0.9));

        Assert.Equal(JobState.Completed, uncertain.Report.State);
        Assert.Equal(600, uncertain.Report.ImagesRecorded);
        Assert.Equal(600, all.Report.EscalatedImages);
        Assert.InRange(uncertain.Report.EscalatedImages, 1, 599);
        Assert.Equal(uncertain.Report.EscalatedImages, uncertain.Results.Count(r => r.FineLabel >= 0));
        Assert.Equal(uncertain.Report.EscalatedImages, uncertain.Report.Devices.Where(d => d.Tier != Tier.End).Sum(d => d.Images));
        Assert.NotNull(uncertain.Report.KeptCoarseAccuracy);

        // The same images, the same models: every image keeps its coarse label and, where every fine stage runs the
        // same model (the edges), an escalated image gets the fine label it gets when all are escalated.
        Assert.Equal(all.Results.Select(r => r.CoarseLabel), uncertain.Results.Select(r => r.CoarseLabel));
        if (scheme == SchedulingScheme.EndEdge)
        {
            Assert.All(uncertain.Results.Where(r => r.FineLabel >= 0), r => Assert.Equal(all.Results[r.ImageId].FineLabel, r.FineLabel));
        }
    }

    [Fact]
    public async Task A_threshold_of_zero_keeps_every_coarse_answer_and_leaves_the_upper_tiers_idle()
    {
        var (report, results) = await Run(new JobSpec(SchedulingScheme.Mapping, Escalate: Contracts.Jobs.Escalation.Uncertain, EscalationThreshold: 0));

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(0, report.EscalatedImages);
        Assert.Null(report.FineAccuracy);
        Assert.Equal(report.CoarseAccuracy, report.KeptCoarseAccuracy);
        Assert.All(results, r => Assert.Equal(-1, r.FineLabel));
        Assert.DoesNotContain(report.Devices, d => d.Tier != Tier.End && d.Images > 0);
    }

    [Fact]
    public async Task A_threshold_outside_zero_to_one_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Run(new JobSpec(Escalate: Contracts.Jobs.Escalation.Uncertain, EscalationThreshold: 1.5)));
        Assert.Contains("between 0 and 1", error.Message);
    }

    [Fact]
    public async Task A_budget_holds_its_share_when_the_second_half_of_the_data_gets_harder_where_a_fixed_threshold_does_not()
    {
        var drifting = SyntheticCifar.Generate(1_000, seed: 12).Corrupted(500, Corruption.Contrast);
        var threshold = ThresholdEscalating(0.3, drifting.Take(500));
        var budget = new JobSpec(SchedulingScheme.Adaptive, Escalate: Contracts.Jobs.Escalation.Budget, EscalationThreshold: threshold) { EscalationBudget = 0.3 };

        var (learnt, results) = await Run(budget, drifting);
        var (_, fixedResults) = await Run(budget with { Escalate = Contracts.Jobs.Escalation.Uncertain }, drifting);

        Assert.Equal((JobState.Completed, 1_000), (learnt.State, learnt.ImagesRecorded));
        var (learntTail, fixedTail) = (results.Skip(700).Count(r => r.FineLabel >= 0) / 300.0, fixedResults.Skip(700).Count(r => r.FineLabel >= 0) / 300.0);
        Assert.InRange(learntTail, 0.27, 0.33);
        Assert.True(Math.Abs(fixedTail - 0.3) > 0.1, $"the threshold fixed on the clean half escalates {fixedTail:P0} of the harder images");
        Assert.NotEqual(threshold, learnt.EscalationThreshold);
    }

    // The threshold under which share of the end model's confidences on data lie, as the cluster's end devices answer.
    private static double ThresholdEscalating(double share, CifarDataset data)
    {
        var store = ModelStore.Open(TestPaths.NewModelsDirectory());
        store.EnsureBuilt("mobilenet-tiny");
        var classifier = new SharedClassifiers(store).Get("mobilenet-tiny", SessionTuning.Default);
        var confidences = classifier.Classify(data.Batch(0, data.Count).Pixels, data.Count).Confidences.Order().ToList();
        var below = (int)(share * confidences.Count);
        return (confidences[below - 1] + confidences[below]) / 2;
    }

    private async Task<(JobReport Report, IReadOnlyList<ImageResult> Results)> Run(JobSpec spec, CifarDataset? data = null)
    {
        data ??= Data;
        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(data, spec, null, TestContext.Current.CancellationToken);
        return (report, await fixture.Cluster.Client.GetGrain<IJobGrain>(report.JobId).GetResultsAsync(0, data.Count));
    }
}
