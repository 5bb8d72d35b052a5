namespace HeteroOrleans.Tests.Dependability;

/// <summary>Tests on the straggler cluster: after each, every device is recovered from what the test did to it.</summary>
public abstract class StragglerClusterTests(StragglerFixture fixture) : IClassFixture<StragglerFixture>, IAsyncLifetime
{
    /// <summary>The cluster the tests share.</summary>
    protected StragglerFixture Fixture { get; } = fixture;

    /// <inheritdoc />
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Fixture.RecoverAllAsync();

    /// <summary>Runs a job of <paramref name="images"/> synthetic images (from <paramref name="seed"/>, else the default seed) to its end.</summary>
    protected Task<JobReport> RunJobAsync(int images, JobSpec spec, int? seed = null) => new JobRunner(Fixture.Cluster.Client).RunAsync(
        seed is { } given ? SyntheticCifar.Generate(images, given) : SyntheticCifar.Generate(images), spec, null, TestContext.Current.CancellationToken);

    /// <summary>Asserts that the job recorded one result for each of its images, in order, and returns them.</summary>
    protected async Task<IReadOnlyList<ImageResult>> AssertEveryImageOnceAsync(string jobId, int images)
    {
        var results = await Fixture.Cluster.Client.GetGrain<IJobGrain>(jobId).GetResultsAsync(0, images);
        Assert.Equal(Enumerable.Range(0, images), results.Select(r => r.ImageId));
        return results;
    }

    /// <summary>Asserts that the job completed with no task lost and every image answered once; returns the results.</summary>
    protected async Task<IReadOnlyList<ImageResult>> AssertCompletedLosingNothingAsync(JobReport report, int images)
    {
        Assert.Equal((JobState.Completed, 0), (report.State, report.LostTasks));
        return await AssertEveryImageOnceAsync(report.JobId, images);
    }
}
