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

    private async Task<(JobReport Report, IReadOnlyList<ImageResult> Results)> Run(JobSpec spec)
    {
        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(Data, spec, null, TestContext.Current.CancellationToken);
        return (report, await fixture.Cluster.Client.GetGrain<IJobGrain>(report.JobId).GetResultsAsync(0, Data.Count));
    }
}
