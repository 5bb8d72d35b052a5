namespace HeteroOrleans.Tests.Jobs;

public sealed class AnswerFollowingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_follower_gets_every_images_coarse_answer_before_its_fine_one_while_the_job_runs()
    {
        var data = SyntheticCifar.Generate(400, seed: 23);
        var jobId = JobRunner.NewJobId();
        var cancellation = TestContext.Current.CancellationToken;
        var answers = new List<(ImageAnswer Answer, long At)>();
        // The follower subscribes on the test's own thread before the job starts, not whenever a pool thread gets to
        // it: on a loaded machine that could be after the job's end.
        var follower = JobFollower.FollowAsync(fixture.Cluster.Client, jobId, cancellation).GetAsyncEnumerator(cancellation);
        var next = follower.MoveNextAsync();
        var following = FollowAsync();

        async Task FollowAsync()
        {
            while (await next)
            {
                answers.Add((follower.Current, System.Diagnostics.Stopwatch.GetTimestamp()));
                next = follower.MoveNextAsync();
            }

            await follower.DisposeAsync();
        }

        var spec = new JobSpec(SchedulingScheme.EndCloud, Latency: new LatencyOverrides(Cloud: TimeSpan.FromMilliseconds(300)));
        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(jobId, data, spec, null, cancellation);
        var ended = System.Diagnostics.Stopwatch.GetTimestamp();
        await following.WaitAsync(TimeSpan.FromSeconds(30), cancellation);

        Assert.Equal(JobState.Completed, report.State);
        var coarse = answers.Where(a => a.Answer.Stage == AnswerStage.Coarse).ToDictionary(a => a.Answer.ImageId);
        var fine = answers.Where(a => a.Answer.Stage == AnswerStage.Fine).ToDictionary(a => a.Answer.ImageId);
        Assert.Equal(Enumerable.Range(0, 400), coarse.Keys.Order());
        Assert.Equal(Enumerable.Range(0, 400), fine.Keys.Order());
        Assert.All(fine, f => Assert.True(coarse[f.Key].At <= f.Value.At, $"image {f.Key}: fine answer before its coarse one"));
        // Pushed as they came: most coarse answers reached the follower well before the job's end, with their latency.
        Assert.True(coarse.Values.Count(c => c.At < ended) > 200, "coarse answers arrived only at the end");
        Assert.All(coarse.Values.Take(50), c => Assert.False(double.IsNaN(c.Answer.LatencyMs)));
        var results = await fixture.Cluster.Client.GetGrain<IJobGrain>(jobId).GetResultsAsync(0, 400);
        Assert.All(results, r => Assert.Equal((r.CoarseLabel, r.FineLabel), (coarse[r.ImageId].Answer.Label, fine[r.ImageId].Answer.Label)));
    }
}
