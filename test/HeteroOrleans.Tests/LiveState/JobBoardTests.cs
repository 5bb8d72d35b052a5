namespace HeteroOrleans.Tests.LiveState;

public sealed class JobBoardTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_late_progress_report_does_not_bring_an_ended_job_back_to_running()
    {
        var board = fixture.Cluster.Client.GetJobBoard();
        var id = JobRunner.NewJobId();
        var tick = new JobSummary(id, "EndEdge: round robin", JobState.Running, 4, 3, 150, DateTime.UtcNow);
        var end = tick with { State = JobState.Completed, TasksDone = 4, ImagesDone = 200, UpdatedUtc = tick.UpdatedUtc.AddMilliseconds(5) };

        await board.ReportAsync(end);
        await board.ReportAsync(tick);
        await board.ReportAsync(tick with { UpdatedUtc = end.UpdatedUtc.AddMilliseconds(5) });

        var shown = Assert.Single(await board.GetJobsAsync(), j => j.JobId == id);
        Assert.Equal(JobState.Completed, shown.State);
        Assert.Equal(200, shown.ImagesDone);
    }

    [Fact]
    public async Task A_job_that_comes_back_in_a_new_activation_shows_as_running_again()
    {
        var board = fixture.Cluster.Client.GetJobBoard();
        var id = JobRunner.NewJobId();
        var failed = new JobSummary(id, "EndEdge: round robin", JobState.Failed, 4, 1, 50, DateTime.UtcNow);

        await board.ReportAsync(failed);
        await board.ReportAsync(failed with { State = JobState.Running, Activation = 2, UpdatedUtc = failed.UpdatedUtc.AddMilliseconds(5) });

        Assert.Equal(JobState.Running, Assert.Single(await board.GetJobsAsync(), j => j.JobId == id).State);
    }
}
